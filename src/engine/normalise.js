// hookcraft: checks what handler(webhook) returned and serialises the body.
// Evaluated before the user's script; its result is the normaliser function, kept by the
// engine and never put on the global object, so a script cannot replace it.
(function () {
  const stringify = JSON.stringify;
  const isArray = Array.isArray;
  const keys = Object.keys;
  const METHODS = ["POST", "PUT", "PATCH"];

  function describe(v) {
    if (v === null) return "null";
    if (isArray(v)) return "an array";
    if (typeof v === "string") return "a string";
    return typeof v === "object" ? "an object" : "a " + typeof v;
  }

  function fail(message) {
    return { kind: "invalid_output", message: message };
  }

  return function normalise(out) {
    if (out === undefined) {
      return {
        kind: "no_output",
        message: "`handler` returned undefined; it must end with `return webhook;`",
      };
    }
    if (out === null || typeof out !== "object" || isArray(out)) {
      return fail("`handler` must return the webhook object, but returned " + describe(out));
    }
    let method = out.method === undefined ? "POST" : out.method;
    if (typeof method !== "string") {
      return fail("`method` must be a string, got " + describe(method));
    }
    if (METHODS.indexOf(method) < 0) {
      return fail("`method` is \"" + method + "\"; allowed values are POST, PUT and PATCH");
    }
    const url = out.url;
    if (typeof url !== "string") {
      return fail("`url` must be a string, got " + describe(url));
    }
    const headers = {};
    if (out.headers !== undefined && out.headers !== null) {
      if (typeof out.headers !== "object" || isArray(out.headers)) {
        return fail("`headers` must be an object of strings, got " + describe(out.headers));
      }
      const names = keys(out.headers);
      for (let i = 0; i < names.length; i++) {
        const value = out.headers[names[i]];
        if (typeof value !== "string") {
          return fail("`headers." + names[i] + "` must be a string, got " + describe(value));
        }
        headers[names[i]] = value;
      }
    }
    const cancel = out.cancel === undefined ? false : out.cancel;
    if (typeof cancel !== "boolean") {
      return fail("`cancel` must be true or false, got " + describe(cancel));
    }
    if (out.payload === undefined) {
      return fail("`payload` is undefined; set it to the body to send");
    }
    let problem = null;
    let body;
    try {
      body = stringify(out.payload, function (key, value) {
        const t = typeof value;
        if (problem === null && (t === "function" || t === "symbol" || t === "bigint")) {
          const where = key === "" ? "`payload`" : "`payload` key \"" + key + "\"";
          problem = where + " is a " + (t === "bigint" ? "BigInt" : t) + ", which JSON cannot carry";
        }
        return value;
      });
    } catch (e) {
      if (problem !== null) return fail(problem);
      return fail("`payload` cannot be serialised to JSON (" + String(e && e.message ? e.message : e) +
        "); does it refer to itself?");
    }
    if (problem !== null) return fail(problem);
    if (body === undefined) {
      return fail("`payload` cannot be serialised to JSON");
    }
    return { method: method, url: url, headers: headers, cancel: cancel, body: body };
  };
})()
