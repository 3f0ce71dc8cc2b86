import { ENVIRONMENTS } from '../environments';
import { synthesizeAll } from './synthesize';

// What `cdktf synth` and `cdktf deploy greeter-<env>` run (see cdktf.json).
process.exitCode = synthesizeAll(ENVIRONMENTS);
