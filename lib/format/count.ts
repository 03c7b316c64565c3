/** A number as the user's locale writes it, from one formatter (toLocaleString makes a new one per call: 0.5 ms a keystroke for the view tabs' counts). */
const NUMBER = new Intl.NumberFormat();
export const formatCount = (n: number): string => NUMBER.format(n);

/** "1 tag", "3 tags", "1,234 articles": a count and its noun (`many` for a plural not made with "s"). Never "tag(s)". */
export const countOf = (n: number, one: string, many = `${one}s`): string => `${formatCount(n)} ${n === 1 ? one : many}`;
