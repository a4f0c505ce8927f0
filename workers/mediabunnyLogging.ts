// Mediabunny reports what it finds wrong inside a file (a damaged avcC, an
// SPS that does not parse) with console.error, then carries on or throws.
// A damaged file is the user's input, not a fault of the page, and its
// outcome reaches the user on that file's card; the console gets it as a
// warning, so a console error keeps meaning a bug in Framepick (the
// end-to-end tests fail on any).
import { Logging, LogLevel } from 'mediabunny';

export function demoteMediabunnyErrors(): void {
  Logging.level = LogLevel.Silent;
  Logging.on('error', (args) => console.warn('Mediabunny:', ...args));
  Logging.on('warn', (args) => console.warn('Mediabunny:', ...args));
}
