import { ENVIRONMENTS } from '../environments';
import { environmentsSelectedBy, synthesizeAll } from './synthesize';

// What `cdktf synth` and `cdktf deploy greeter-<env>` run (see cdktf.json).
process.exitCode = synthesizeAll(ENVIRONMENTS, { only: environmentsSelectedBy(process.env['GREETER_ENVIRONMENTS']) });
