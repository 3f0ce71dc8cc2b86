// The bare NestJS server, started as the bench starts every contender: PORT, then one "listening" line.
import type { AddressInfo } from 'node:net';
import { createNestFloorApp } from './nest-floor-app';

const app = await createNestFloorApp();
await app.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1');
const { port } = app.getHttpServer().address() as AddressInfo;
process.stdout.write(`${JSON.stringify({ msg: 'listening', port })}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
