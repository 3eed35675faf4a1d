/**
 * A reader that stops reading early (`list | head`): the pipe closes and writing to it fails with
 * EPIPE. That is the reader's choice, not an error of ours: nothing more is written there, and the
 * command goes on to its own end and exit code (a run's verdict still decides it). Imported first
 * by cli.ts, beside the early signal handlers.
 */
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    // After EPIPE the stream is destroyed, and a later write says so: both mean the reader has gone.
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}
