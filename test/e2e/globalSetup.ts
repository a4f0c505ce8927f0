// Makes the e2e media (cached) before any test runs. The fixture script
// runs as plain Node: its cache keys are its recipes' source text, which a
// transpiling import would change.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'make.mjs');

export default function globalSetup(): void {
  execFileSync('node', [script, 'e2e'], { stdio: 'inherit' });
  execFileSync('node', [script, 'hostile'], { stdio: ['ignore', 'inherit', 'ignore'] });
}
