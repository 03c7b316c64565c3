// Teaser cards left in Readability's result: when one <article> holds the body, the other <article>
// elements beside it that are a linked headline and a short blurb are cards for other stories (a
// "more stories" river under the post), not part of it. Readability keeps them when it settles on a
// wrapper of both; preprocess never removes an <article>.
import { byTags, list } from './dom-list';

const norm = (s: string) => s.replace(/[\s\u00a0]+/g, ' ').trim();
/** A card is at most this long; a body article holds at least this share of the result's text. */
const CARD_MAX = 600;
const BODY_SHARE = 0.5;
const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

function linkText(el: Element): number {
  let n = 0;
  for (const a of list(el.getElementsByTagName('a'))) n += norm(a.textContent ?? '').length;
  return n;
}

/** A headline that is (almost) all link, or, without a heading, a card that is mostly links. */
function teaserShaped(card: Element, len: number): boolean {
  for (const h of byTags(card, HEADINGS)) {
    const t = norm(h.textContent ?? '').length;
    if (t >= 10 && linkText(h) >= t * 0.8) return true;
  }
  return len > 0 && linkText(card) >= len * 0.5;
}

/** Removes teaser-card <article>s next to the one holding the body; returns how many went. */
export function removeTeaserArticles(root: Element): number {
  const arts = list(root.getElementsByTagName('article')).filter((a) => !a.parentElement?.closest('article'));
  if (arts.length < 2) return 0;
  const lens = arts.map((a) => norm(a.textContent ?? '').length);
  let main = 0;
  for (let i = 1; i < arts.length; i++) if (lens[i] > lens[main]) main = i;
  if (lens[main] < norm(root.textContent ?? '').length * BODY_SHARE) return 0;
  let removed = 0;
  for (let i = 0; i < arts.length; i++) {
    if (i === main || lens[i] > CARD_MAX || !teaserShaped(arts[i], lens[i])) continue;
    arts[i].remove();
    removed++;
  }
  return removed;
}
