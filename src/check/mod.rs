//! Checks before sending: destination validators, behaviour lints, diffs, the run-all grid.
