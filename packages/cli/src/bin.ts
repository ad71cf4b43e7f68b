#!/usr/bin/env node
import { runCli } from "./cli";

// A reader that closes the pipe early (`liouville ... | head`) is not an error: output stops,
// and the command sees `outClosed` (evolve then stops, or with --plot runs on to write the plot).
let outClosed = false;
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE" || error.code === "ERR_STREAM_DESTROYED") {
    outClosed = true;
    return;
  }
  throw error;
});

runCli(process.argv.slice(2), {
  out: (text) => {
    if (!outClosed) process.stdout.write(`${text}\n`);
  },
  outClosed: () => outClosed,
  err: (text) => process.stderr.write(`${text}\n`),
  errIsTty: Boolean(process.stderr.isTTY),
  errWrite: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `liouville: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 70;
  },
);
