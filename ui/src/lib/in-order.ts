/**
 * Answers shown in the order they were asked for: an older answer that arrives late
 * never replaces a newer one already shown (a list reloaded twice quickly).
 */
export class InOrder {
  #asked = 0;
  #shown = 0;

  /** Call when asking; once the answer is in, the returned check says whether to show it. */
  ask(): () => boolean {
    const mine = ++this.#asked;
    return () => {
      if (mine < this.#shown) return false;
      this.#shown = mine;
      return true;
    };
  }
}
