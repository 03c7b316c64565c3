// A realistic Pocket CSV export (the columns of Pocket's 2024+ export, as in
// ../shared/corpora/import-samples/pocket/: title,url,time_added,cursor,tags,status): unique URLs over a
// long tail of hosts (a few big sites, thousands of small ones), varied paths and tracking parameters,
// titles with commas, quotes and non-ASCII, a tag vocabulary with a long tail, ~1/3 archived, and a few
// rows with bad values (an unreadable date, a non-web URL) that the report must list.
import { prng } from './library-generator';

const WORDS = (
  'the how why what guide to of and in for with on your new best review notes building understanding ' +
  'rust typescript climate policy economy design cooking travel history science health startup interview ' +
  'essay data privacy browser linux music film books running coffee city housing energy ai models café ' +
  'über naïve résumé 東京 日本語 разработка'
).split(' ');
const TLDS = ['com', 'org', 'net', 'io', 'dev', 'co.uk', 'de', 'fr', 'blog', 'news'];
const TAGS = 'read-later|tech|longread|politics|science|recipes|work|ideas|design|to-share|ai|history|health|travel'.split('|');

/** `rows` data rows (header not counted); `seed` picks the sample, `prefix` keeps URL sets of two files apart. */
export function pocketCsv(rows: number, { seed = 1, prefix = '' } = {}): string {
  const rnd = prng(seed);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];
  // Zipf-like host popularity: host k gets weight ~1/(k+1); 5,000 hosts in all.
  const hosts = Array.from(
    { length: 5000 },
    (_, k) => `${k < 40 ? 'www.' : ''}${prefix}site${k}-${pick(WORDS).replace(/\W/g, '') || 'x'}.${pick(TLDS)}`,
  );
  const hostOf = () => hosts[Math.min(hosts.length - 1, Math.floor(Math.exp(rnd() * Math.log(hosts.length + 1))) - 1)];
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['title,url,time_added,cursor,tags,status'];
  let t = 1_420_070_400; // 2015-01-01
  for (let i = 0; i < rows; i++) {
    t += Math.floor(rnd() * 5000);
    const words = Array.from({ length: 3 + Math.floor(rnd() * 9) }, () => pick(WORDS));
    const slug = words
      .slice(0, 5)
      .join('-')
      .replace(/[^\w-]/g, '');
    const path = rnd() < 0.5 ? `/${2015 + Math.floor(rnd() * 10)}/${slug}-${i}` : `/p/${i.toString(36)}/${slug}`;
    const query = rnd() < 0.2 ? `?utm_source=pocket&utm_medium=${pick(['email', 'rss'])}` : rnd() < 0.05 ? `?id=${i}&page=2` : '';
    let url = `https://${hostOf()}${path}${query}`;
    if (i % 9973 === 5) url = `ftp://files.example/${i}`; // not a web page: a failure in the report
    const title = rnd() < 0.02 ? '' : `${words.join(' ')}${rnd() < 0.1 ? ', "quoted", part 2' : ''}`;
    const nTags = rnd() < 0.55 ? 0 : 1 + Math.floor(rnd() * 3);
    const tags = [...new Set(Array.from({ length: nTags }, () => (rnd() < 0.8 ? pick(TAGS) : `tag-${Math.floor(rnd() * 2000)}`)))];
    const time = i % 7919 === 3 ? 'yesterday' : String(t); // an unreadable date: a problem, the row is kept
    lines.push([quote(title), quote(url), time, '', quote(tags.join('|')), rnd() < 0.35 ? 'archive' : 'unread'].join(','));
  }
  return `${lines.join('\n')}\n`;
}
