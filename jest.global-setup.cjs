// Every test run gets a temporary folder of its own, removed by jest.global-teardown.cjs:
// what tests and the libraries they drive write under os.tmpdir() (cdktf's Testing.app()
// makes an outdir per synth, Terraform copies, stand-in artifacts) is gone after the run
// instead of piling up in /tmp. Workers start after this and inherit TMPDIR.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async function createRunTempFolder() {
  const folder = mkdtempSync(join(tmpdir(), 'greeter-jest-'));
  process.env.GREETER_JEST_TMPDIR = folder;
  process.env.GREETER_JEST_TMPDIR_BEFORE = process.env.TMPDIR ?? '';
  process.env.TMPDIR = folder;
};
