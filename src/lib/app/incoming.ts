// Files that arrive other than by a drop or the file picker: opened with
// the installed app from the desktop (file_handlers, handed over through
// launchQueue), shared to it from another app (share_target, through the
// service worker), or pasted. Each goes the way a drop goes.
import { errorMessage } from '../../shared/errorMessage';
import { takeSharedFiles } from './sharedFiles';

/** The File Handling API (Chromium): not yet in TypeScript's DOM library. */
interface LaunchParams {
  readonly files: readonly FileSystemHandle[];
}
interface LaunchQueue {
  setConsumer(consumer: (params: LaunchParams) => void): void;
}

export interface Intake {
  add(files: File[]): void;
  /** A file the browser handed over that could not be read. */
  failed(name: string, reason: string): void;
}

/** Starts listening; returns what stops the paste listener (the launch queue and a share are taken once). */
export function receiveFiles(intake: Intake): () => void {
  const launchQueue = (window as { launchQueue?: LaunchQueue }).launchQueue;
  launchQueue?.setConsumer((params) => void launched(params, intake));
  void takeSharedFiles().then((files) => files.length > 0 && intake.add(files));
  const paste = (event: ClipboardEvent) => {
    const files = [...(event.clipboardData?.files ?? [])];
    if (files.length === 0) return; // text goes where text goes
    event.preventDefault();
    intake.add(files);
  };
  addEventListener('paste', paste);
  return () => removeEventListener('paste', paste);
}

async function launched(params: LaunchParams, intake: Intake): Promise<void> {
  const handles = params.files.filter((handle): handle is FileSystemFileHandle => handle.kind === 'file');
  const files = await Promise.all(
    handles.map((handle) =>
      handle.getFile().catch((error: unknown) => {
        intake.failed(handle.name, errorMessage(error));
        return null;
      }),
    ),
  );
  const read = files.filter((file): file is File => file !== null);
  if (read.length > 0) intake.add(read);
}
