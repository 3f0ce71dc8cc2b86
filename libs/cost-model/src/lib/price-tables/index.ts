// Written by `npm run cost:refresh-prices`: every region's table in this folder.
import euWest1 from './eu-west-1.json';
import usEast1 from './us-east-1.json';

export const REGION_TABLES: unknown[] = [euWest1, usEast1];
