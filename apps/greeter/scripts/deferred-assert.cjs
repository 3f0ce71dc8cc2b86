'use strict';
// Stands in for node:assert in the greeter's bundles (see deferredAssert in
// build.mjs): `assert(value, message)` loads the real module only when the
// assertion fails, and any other use of the module loads it at once, so a
// failing assertion throws exactly what node:assert throws.
const load = () => require('node:assert');

function assert(value, message) {
  if (!value) load()(value, message);
}

module.exports = new Proxy(assert, { get: (target, key) => (key in target ? target[key] : load()[key]) });
