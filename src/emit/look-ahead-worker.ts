/**
 * The thread of look-ahead.ts: looks at the folders it is given and every file in them (one
 * `lstat` each), answers once with what it saw, and ends. Nothing else: what is made of it is
 * decided on the main thread (AheadIdentities).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { lookAt, type LookRequest } from './look-ahead.js';

parentPort?.postMessage(lookAt(workerData as LookRequest));
