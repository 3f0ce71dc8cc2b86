import { ENVIRONMENTS } from '../environments';
import { DEFAULT_DIST_DIR } from './artifacts';
import { environmentsSelectedBy, synthesizeAll } from './synthesize';

// What `cdktf synth` and `cdktf deploy greeter-<env>` run (see cdktf.json). A pipeline deploys
// a published build by naming its folder and the source hash it must have been built from.
process.exitCode = synthesizeAll(ENVIRONMENTS, {
  only: environmentsSelectedBy(process.env['GREETER_ENVIRONMENTS']),
  distDir: process.env['GREETER_ARTIFACTS_DIR'] || DEFAULT_DIST_DIR,
  buildCheck: { expectedSourceHash: process.env['GREETER_ARTIFACT_SOURCE_HASH'] || undefined },
  requireSharedState: process.env['GITHUB_ACTIONS'] === 'true',
});
