/**
 * Work the running service does on its own, every `minutes`, one run at a time (a tick while one is under
 * way is skipped), the first `firstAfterMs` after the start. Returns stop, which waits for a run under way.
 * The timers do not keep the process alive on their own. A failed run is logged and the next one goes ahead.
 */
export function repeatEvery(minutes: number, firstAfterMs: number, work: () => Promise<void>, onError: (error: Error) => void): () => Promise<void> {
  if (minutes <= 0) return async () => {};
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = work().catch((error: unknown) => onError(error instanceof Error ? error : new Error(String(error))))
      .finally(() => { running = null; });
  };
  const timer = setInterval(tick, minutes * 60_000);
  timer.unref();
  const first = setTimeout(tick, firstAfterMs);
  first.unref();
  return async () => {
    clearInterval(timer);
    clearTimeout(first);
    await running;
  };
}
