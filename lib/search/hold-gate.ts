// A counted hold on background work: while any hold is taken, the work waits at its next pause.

export class HoldGate {
  private holds = 0;
  private releasedNow = () => {};
  /** Resolves when the last hold taken so far ends. */
  released: Promise<void> = Promise.resolve();

  get held(): boolean {
    return this.holds > 0;
  }

  /** Takes a hold; its release (only the first call counts) runs `onLastRelease` once no hold is left. */
  take(onLastRelease: () => void): () => void {
    if (this.holds++ === 0) this.released = new Promise((r) => (this.releasedNow = r));
    let done = false;
    return () => {
      if (done) return;
      done = true;
      if (--this.holds > 0) return;
      this.releasedNow();
      onLastRelease();
    };
  }
}
