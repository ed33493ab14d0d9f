// hookcraft repeatable mode: a fixed clock and a seeded Math.random, so the same inputs
// always give the same output. Date.now() and `new Date()` are %NOW% ms since the epoch
// (2026-01-01T00:00:00.000Z); Math.random() is mulberry32 seeded with %SEED%.
(function () {
  const RealDate = Date;
  const NOW = %NOW%;
  function FixedDate(...args) {
    if (!new.target) {
      return new RealDate(NOW).toString();
    }
    if (args.length === 0) {
      return new RealDate(NOW);
    }
    return new RealDate(...args);
  }
  FixedDate.prototype = RealDate.prototype;
  FixedDate.now = function now() { return NOW; };
  FixedDate.parse = RealDate.parse;
  FixedDate.UTC = RealDate.UTC;
  Object.defineProperty(RealDate.prototype, "constructor", {
    value: FixedDate, writable: true, configurable: true,
  });
  globalThis.Date = FixedDate;

  let state = %SEED% >>> 0;
  Math.random = function random() {
    state = (state + 0x6D2B79F5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();
