#!/usr/bin/env node
// @ts-check
// Serves dist/ under /framepick/ with the plain static server (Playwright's webServer).
import path from 'node:path';
import { serveStatic } from './staticServer.mjs';

const port = Number(process.env.PORT ?? 4399);
const { url } = await serveStatic({ root: path.resolve('dist'), prefix: '/framepick/', port });
console.log(`serving dist/ at ${url}`);
