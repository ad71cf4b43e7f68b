import type { Subscription } from "rxjs";
import type { PlaygroundReply, PlaygroundRequest } from "./protocol";
import { startRun } from "./session";

// The page's worker: solves and streams off the main thread, one run at a time. A new request
// (or "cancel") unsubscribes the running stream first, which stops its integration.

/** The worker's global scope, typed by hand (the page's tsconfig has the DOM library, not WebWorker). */
const scope = self as unknown as {
  postMessage(message: PlaygroundReply): void;
  onmessage: ((event: MessageEvent<PlaygroundRequest>) => void) | null;
};

let current: Subscription | null = null;

scope.onmessage = (event) => {
  current?.unsubscribe();
  current = null;
  if (event.data.type === "run") current = startRun(event.data, (reply) => scope.postMessage(reply));
};
