// Saves later, once: changes come in bursts, and a save should follow the burst, not each change.

export class SaveTimer {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly delayMs: number,
    /** While true when the wait ends, it starts over (a save must not run mid-sync or while held). */
    private readonly busy: () => boolean,
    private readonly save: () => Promise<void>,
  ) {}

  /** (Re)starts the wait: the save runs `delayMs` after the last call, once not busy. */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.busy()) return this.schedule();
      void this.save();
    }, this.delayMs);
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
