// Removes the run's temporary folder (see jest.global-setup.cjs).
const { rmSync } = require('node:fs');

module.exports = async function removeRunTempFolder() {
  const folder = process.env.GREETER_JEST_TMPDIR;
  if (!folder) return;
  rmSync(folder, { recursive: true, force: true });
  // Jest may run inside a longer-lived process (an Nx executor): give it its TMPDIR back.
  const before = process.env.GREETER_JEST_TMPDIR_BEFORE;
  if (before) process.env.TMPDIR = before;
  else delete process.env.TMPDIR;
};
