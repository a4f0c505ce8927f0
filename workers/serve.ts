// The worker's side of src/lib/offMainThread/service.ts: answers each call
// with `handle`'s result, or with the message of what it threw.
import { errorMessage } from '../src/shared/errorMessage';
import type { ServiceCall, ServiceReply } from '../src/lib/offMainThread/service';

export function serve<Request, Result>(handle: (request: Request) => Promise<Result> | Result): void {
  self.onmessage = async ({ data: { id, request } }: MessageEvent<ServiceCall<Request>>) => {
    let reply: ServiceReply<Result>;
    try {
      reply = { id, ok: true, result: await handle(request) };
    } catch (error) {
      reply = { id, ok: false, message: errorMessage(error) };
    }
    self.postMessage(reply);
  };
}
