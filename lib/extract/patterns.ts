// Shared boilerplate signals: class/id tokens, roles and line shapes that mark page furniture on news
// and blog sites in general (not any one site).
// One space-separated string, not an array of literals: ~2 bytes less per token in the injected script.
// A line per group: sharing; related/recommended/more; newsletters, accounts, comments; ads; navigation;
// tags, authors, counters; paywalls, shop toasts; page chrome.
/**
 * class/id tokens of page furniture. Matched as whole tokens (split on space, "-", "_"), so "ad"
 * matches "ad-slot" but not "header" or "shadow".
 */
const FURNITURE_TOKENS = (
  'share shares sharing sharebar sharetools social socials sharethis addthis shareaholic sociallinks ' +
  'related relatedposts recommended recommendations recirc recirculation readmore read-more more-stories morestories mostpopular most-popular most-read mostread popular trending outbrain taboola zergnet revcontent youmaylike also-read alsoread upnext up-next next-article article-next ' +
  'newsletter newsletters subscribe subscription signup sign-up login signin register registration comment comments commentlist comment-list disqus respond replies ' +
  'ad ads adv advert adverts advertisement advertising adslot ad-slot adunit ad-unit adwrapper ad-wrapper ad-container adcontainer dfp gpt sponsor sponsored sponsors promo promotion promoted native-ad teaser-ad billboard leaderboard mpu skyscraper ' +
  'breadcrumb breadcrumbs pagination pager prevnext prev-next post-navigation postnav post-nav nav-links navigation menu navbar skip skiplink skip-link jump-link ' +
  'tags tag-list taglist tagcloud tag-cloud post-tags entry-tags article-tags keywords author-bio authorbio author-box authorbox about-author about-the-author author-card author-info authorinfo author-details author-about bio ' +
  'paywall pay-wall regwall minicart mini-cart cart-drawer snackbar toast views viewcount view-count pageviews hits counter reading-time readtime ' +
  'sidebar side-bar rail right-rail toolbar tools print cookie cookies gdpr consent modal popup overlay masthead footer site-footer copyright site-header topbar top-bar sr-only screen-reader-text visually-hidden visuallyhidden offscreen'
).split(' ');

// Tokens as a set of '-'-joined parts: a Set lookup per class part (and runs of up to 3 parts) costs
// far less than one big case-insensitive alternation, which V8 compiles afresh on every page.
// Built on first use, as the patterns below: the extraction script is injected afresh into every page it
// reads, and a table built at load is paid there even when no element needs it.
let tokenSet: { set: Set<string>; maxParts: number } | null = null;
const furnitureTokens = () =>
  (tokenSet ??= {
    set: new Set(FURNITURE_TOKENS.map((t) => t.replace(/_/g, '-'))),
    maxParts: Math.max(...FURNITURE_TOKENS.map((t) => t.split('-').length)),
  });

/** Whether a class/id string has a furniture token (whole '-'/'_'-separated parts of one class or id). */
export function hasFurnitureToken(name: string): boolean {
  const { set: FURNITURE_SET, maxParts: MAX_TOKEN_PARTS } = furnitureTokens();
  for (const cls of name.toLowerCase().split(/\s+/)) {
    if (!cls) continue;
    if (FURNITURE_SET.has(cls)) return true;
    const parts = cls.split(/[-_]+/);
    if (parts.length === 1) continue;
    for (let i = 0; i < parts.length; i++) {
      let run = parts[i];
      if (FURNITURE_SET.has(run)) return true;
      for (let j = i + 1; j < parts.length && j - i < MAX_TOKEN_PARTS; j++) {
        run += '-' + parts[j];
        if (FURNITURE_SET.has(run)) return true;
      }
    }
  }
  return false;
}

/** class/id tokens that say "this is the content": such elements are never dropped as furniture. */
export const CONTENT_RE =
  /(?:^|[\s_-])(?:(?:article|post|entry|story|main|blog|news)[-_]*(?:body|content|text|copy)|articlebody|hentry)(?:$|[\s_-])/i;

export const FURNITURE_ROLES = new Set(
  'navigation banner contentinfo complementary search dialog alertdialog menu menubar toolbar tablist tooltip'.split(' '),
);

/** Tags that are page furniture wherever they appear. Readability drops most of them later anyway. */
export const FURNITURE_TAG_SET = new Set(
  ('NAV ASIDE FOOTER FORM BUTTON SELECT TEXTAREA INPUT DIALOG IFRAME OBJECT EMBED svg SVG CANVAS ' + 'TEMPLATE LINK STYLE SCRIPT').split(
    ' ',
  ),
);

/** Caption-like class/id: kept in the content (inside figures) but not counted as body text. */
export const CAPTION_RE =
  /(?:^|[\s_-])(?:caption|captions|figcaption|credit|credits|photo-?credit|image-?credit|wp-caption-text|img-?caption)(?:$|[\s_-])/i;

/** Whole-line boilerplate: a block whose entire text is one of these (regex sources) is dropped. */
const BOILER_LINES = (
  'advertisements?;ad;ads;sponsored(?: content)?;paid content;promoted(?: content)?;' +
  '(?:story|article) continues below(?: (?:this )?advertisement)?;' +
  'continue reading(?: below| the main story| the story)?;' +
  'scroll (?:down )?to continue(?: with content)?;(?:advertisement )?continue reading below;' +
  'share(?: this)?(?: article| story| post| page)?(?: on \\S+)?;share on \\S+;tweet;pin it;email;print;' +
  'comments?;\\d+ comments?;leave a (?:comment|reply);post comment.*;add comment;' +
  'click here to (?:subscribe|sign up|read more|comment).*;' +
  'sign up (?:for|to) (?:our|the) .*newsletter.*;subscribe(?: now| today| here)?;follow us(?: on .*)?;' +
  'like us on facebook;get the app;read more;more;read next;up next;' +
  'related(?: articles| stories| posts| content| coverage| links)?;recommended(?: for you| stories)?;' +
  'you may also like;you might also like;more from .{1,40};' +
  '(?:image|photo|slide|picture) \\d+ (?:of|/) \\d+;\\d+ (?:of|/) \\d+;caption;close;expand;' +
  'enlarge(?: this image)?;toggle caption;hide caption;show caption;view (?:gallery|photos|slideshow);' +
  'play video;watch(?: video)?;loading\\.*;please wait\\.*;copyright ©.*;© ?\\d{4}.*;' +
  '(?:\\(c\\)|©).*all rights reserved.*;all rights reserved\\.?;skip to (?:main )?content;back to top;' +
  "top;adverts?;advertising;don'?t miss;must read;most (?:popular|read|viewed);trending(?: now)?;" +
  'this (?:slideshow|video|content|feature) requires javascript\\.?;' +
  'view (?:author|all) (?:archive|posts|articles);e-?mail the (?:author|writer|reporter);' +
  'follow (?:the )?author;more on this(?: story| topic)?;sign up;log ?in;register;' +
  'report (?:an )?(?:error|typo|a correction);by;text size;font size;write to .{1,80}@\\S+;' +
  'filed (?:under|in):? .{1,80};posted in:? .{1,60};categor(?:y|ies): .{1,80};tags?: .{1,150};' +
  'topics?: .{1,100};' +
  // "advertisement" in other languages
  'anzeige;werbung;publicidad;publicité;pubblicità;reklama;реклама;iklan;advertentie;publicidade;广告;광고;' +
  '広告;image source,? .{1,40};image caption,? .{0,80};media caption,? .{0,80};' +
  'previous(?: article| post)?;next(?: article| post)?;tags?:?;' +
  // a cart form's quantity label
  'quantity;qty;quantité;quantità;menge;anzahl;cantidad'
).split(';');
// Plain words go in a Set; only the alternatives with regex syntax are compiled (a smaller regex:
// V8 compiles it on every page the extraction script is injected into).
const isPlain = (src: string) => !/[\\()[\]?*+.{}|^$]/.test(src);
let boiler: { words: Set<string>; re: RegExp } | null = null;
const boilerLines = () =>
  (boiler ??= {
    words: new Set(BOILER_LINES.filter(isPlain)),
    re: new RegExp(`^(?:${BOILER_LINES.filter((x) => !isPlain(x)).join('|')})[.:!]?$`, 'i'),
  });
export const BOILER_LINE = {
  test(line: string): boolean {
    const { words, re } = boilerLines();
    return words.has(line.toLowerCase().replace(/[.:!]$/, '')) || re.test(line);
  },
};

/** Lines that introduce a link to another page; dropped when the block is mostly that link. */
// "Read also" labels in several languages: a line they start introduces a link; a heading that is only
// one heads a list of other stories.
const READ_ALSO =
  '(?:read|lesen sie|lies) (?:also|auch)|also read|le[ae] también|leggi anche|lees ook|(?:leia|veja) também|(?:à )?lire aussi|czytaj (?:też|także)';
export const LINK_INTRO = new RegExp(
  `^(?:read more|related|see also|siehe auch|more|recommended|watch|listen|read|click here|more on this|further reading|read the full|more coverage|previously|next|${READ_ALSO})(?![a-z])`,
  'i',
);
let readAlso: RegExp | null = null;
export const READ_ALSO_HEAD = {
  test: (line: string): boolean => line.length < 40 && (readAlso ??= new RegExp(`^(?:${READ_ALSO})[\\s.:!?…]*$`, 'i')).test(line),
};

/** Short promotional lines: newsletter sign-ups, "click here" calls, app pushes. */
const PROMO_RE =
  /\bclick(?:ing)? here\b|\bnewsletters?\b.*\b(?:subscribe|sign(?:\s|-)?up|inbox)\b|\b(?:subscribe|sign(?:\s|-)?up)\b.*\bnewsletters?\b|\bdownload (?:our|the) app\b/i;

/** A line made of share-button labels ("Facebook Twitter WhatsApp Email"). */
const SOCIAL_WORDS = new Set(
  (
    'facebook twitter x whatsapp pinterest pint pin linkedin reddit telegram email e-mail mail share ' +
    'tweet print copy link messenger flipboard tumblr vk sms comments comment save instagram youtube'
  ).split(' '),
);
export function isSocialLine(t: string): boolean {
  const words = t
    .toLowerCase()
    .split(/[\s|•·/,]+/)
    .filter(Boolean);
  if (words.length < 2 || words.length > 12) return false;
  let n = 0;
  for (const w of words) if (SOCIAL_WORDS.has(w)) n++;
  return n / words.length >= 0.6;
}

/** Caption shapes outside <figcaption>: photo credits, "In this ... photo", "Photo: ...". */
const CAPTION_SHAPE =
  /^(?:photo|foto|фото|image|picture|pictured|credit|source|caption|bild|imagen|immagine)s?\s*(?::|by\b)|^in this\b[^!?]{0,60}?\b(?:photo|image|picture|frame grab|handout)(?:graph)?\b(?:,|\s+(?:taken|provided|released|made|shot|posted|from|by|shows?|obtained)\b)|\((?:[^()]{0,60}\b(?:photo|photograph|image|pictures?|credit|getty|reuters|afp|ap|epa|shutterstock|file)\b[^()]{0,60})\)\s*$|^©\s?\S/i;

/** Date/update lines such as "Updated 1:39 am EST, Wednesday, November 20, 2019". */
let DATE_RE: RegExp | null = null;
const dateRe = () =>
  (DATE_RE ??= new RegExp(
    (
      '^(?:(?:first |last )?(?:published|updated|posted|modified|created)\\b[^!?]{0,40}\\d[^!?]{0,60}' +
      '|(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\\s+(?:\\d{1,2}|M)\\b[^!?]{0,60}' +
      '|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}[^!?]{0,30}|\\d{4}-\\d{2}-\\d{2}[^!?]{0,30}' +
      '|M\\.? \\d{1,2},? \\d{4}[^!?]{0,40}|\\d{1,2}\\.? M \\d{4}[^!?]{0,40}|updated)$'
    ).replace(/M/g, '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*'),
    'i',
  ));

// The line tests run on every short block of every extraction. A big regex costs most on a page's
// first few calls (V8 compiles it, then compiles it again to machine code once it runs twice), so each
// test below first asks a cheap question every match must pass, and runs the full pattern only then.
// The prefilters are supersets: the results are the full patterns' own.
const PROMO_HINT = /click|newsletter|download/i;
export const PROMO_LINE = { test: (line: string): boolean => PROMO_HINT.test(line) && PROMO_RE.test(line) };

// Every caption shape starts with one of these letters (photo, foto, фото, image, in this, credit,
// caption, source, bild, ©; any case) or ends with ")".
const CAPTION_FIRST = new Set(['p', 'f', 'ф', 'i', 'c', 's', 'b', '©']);
export const CAPTION_LINE = {
  test: (line: string): boolean =>
    (CAPTION_FIRST.has(line.charAt(0).toLowerCase()) || line.trimEnd().endsWith(')')) && CAPTION_SHAPE.test(line),
};

/** Shop furniture lines: cart buttons and "added to cart" toasts, buy/deal calls (a few languages). */
const CART_RE =
  /^(?:(?:qty|quantity|menge|anzahl)\s*:?\s*\d+\s*)?(?:add(?:ed)?(?: \d+ items?)? to (?:your |the )?(?:cart|basket|bag|wish ?list)|(?:view|go to|open) (?:your )?(?:cart|basket|bag)|(?:proceed to )?checkout|continue shopping|buy (?:it )?now|shop now|(?:view|see|get) (?:the )?deal|check (?:the )?price|in den (?:warenkorb|einkaufswagen)|zum (?:warenkorb|angebot|shop)|(?:zum|in den) warenkorb hinzugefügt|(?:jetzt|sofort) (?:kaufen|bestellen)|ajouter au panier|añadir al carrito)(?: at .{1,30}| bei .{1,30}| for .{1,20})?[.!]?$/i;
const CART_HINT =
  /cart|basket|bag|wish|checkout|shopping|buy|shop|deal|price|warenkorb|einkaufswagen|angebot|kaufen|bestellen|panier|carrito/i;
export const CART_LINE = { test: (line: string): boolean => line.length <= 80 && CART_HINT.test(line) && CART_RE.test(line) };

/**
 * Headings (or lone first lines) of blocks that are not the article: paywall prompts, author boxes,
 * latest/newest/related lists (English, German, French, Spanish, Italian). The whole block they head goes.
 */
let FURNITURE_HEAD_RE: RegExp | null = null;
export const furnitureHeadRe = (): RegExp =>
  (FURNITURE_HEAD_RE ??= new RegExp(
    '^(?:' +
      // paywall prompts
      ('(?:möchten|wollen) sie weiterlesen|' +
        '(?:want|continue) to (?:keep )?read(?:ing)?(?: this article| more)?|keep reading|' +
        // newsletter prompts that head a sign-up box
        '(?:want|get) more (?:stories|articles|news|posts)(?: like this)?|' +
        'subscribe to (?:continue|keep|read).{0,60}|' +
        '(?:to )?continue reading,? (?:subscribe|sign in|log in|register).{0,60}|' +
        'this (?:article|story|content) is (?:only available |exclusively )?for (?:subscribers|members).{0,40}|' +
        '(?:dieser|der) (?:artikel|beitrag|inhalt) ist (?:nur )?(?:für|exklusiv für) (?:abonnenten|abonnentinnen|abonnierende|abonnent\\*innen|plus-leser).{0,40}|' +
        '(?:jetzt )?(?:weiterlesen|lesen sie) mit .{1,30}|already (?:a )?(?:subscriber|member)\\?.{0,40}|' +
        'sie sind bereits abonnent(?:in)?\\?.{0,40}|bereits abonniert\\?.{0,40}|' +
        'envie de lire la suite.{0,20}|la suite est réservée aux abonnés.{0,20}|' +
        '(?:este|el) (?:artículo|contenido) es exclusivo para suscriptores.{0,20}|' +
        // author boxes
        '(?:about|more about|meet) the (?:author|writer|reporter)s?|' +
        'über (?:den|die) (?:autor|autorin|autoren|verfasser|verfasserin)|zu[mr] (?:autor|autorin|person)|' +
        'à propos de l.auteur(?:e)?|sobre (?:el|la) autor(?:a)?|(?:sul)?l.autore|o autorze|' +
        // lists of other stories
        '(?:the )?(?:latest|newest|recent|top|more|other) (?:news|articles|stories|posts|headlines)(?: from .{1,40}| on .{1,40}| in .{1,40})?|' +
        'most recent(?: news| articles| stories| posts)?|neueste (?:artikel|beiträge|nachrichten|meldungen)|' +
        'aktuelle (?:artikel|beiträge|nachrichten|meldungen)|neu(?:este)? (?:im|auf) .{1,30}|' +
        'mehr (?:zum thema|aus (?:der|dem) .{1,30}|nachrichten|artikel)|' +
        'das könnte (?:sie|dich) (?:auch )?interessieren|weitere (?:artikel|beiträge|nachrichten|meldungen)|' +
        'auch interessant|derniers articles|dernières (?:actualités|nouvelles|infos)|à lire aussi|lire aussi|' +
        'últimas noticias|lo último|ultime notizie|articoli correlati|you may also like|you might also like|' +
        'related (?:articles|stories|posts|news)|recommended (?:for you|stories|articles|reading)|' +
        'most (?:popular|read|viewed|shared)(?: (?:articles|stories|news))?|meistgelesen(?:e artikel)?') +
      ')[.:!?…]*$',
    'i',
  ));
/**
 * What every heading furnitureHeadRe() matches starts with (lower-cased): lines starting with none of
 * them skip the pattern. Written out, not derived from the pattern on the page: deriving them
 * (lib/extract/prefix-filter) ran as cold interpreted code on every injection, a few ms a page.
 * A unit test checks that they cover what prefix-filter derives from the pattern.
 */
export const FURNITURE_HEAD_STARTS = (
  'möchten|wollen|want|continue|keep|get|subscribe to |to |this |dieser|der|jetzt |weiterlesen|' +
  'lesen sie|already |sie sind|bereits|envie|este|el|about|more|meet|über |zu|à |sobre |the |newest|' +
  'recent|top|other|most|neueste |aktuelle |neu|mehr |das könnte |weitere |auch interessant|derni|' +
  'últimas noticias|ultime notizie|articoli correlati|you m|related |recommended |meistgelesen|l|sul|' +
  'o autorze'
).split('|');
let HEAD_START_MAX = 0;
function startsLikeHead(line: string): boolean {
  HEAD_START_MAX ||= Math.max(...FURNITURE_HEAD_STARTS.map((p) => p.length));
  const head = line.slice(0, HEAD_START_MAX).toLowerCase();
  for (const p of FURNITURE_HEAD_STARTS) if (head.startsWith(p)) return true;
  return false;
}
export const FURNITURE_HEAD = {
  test: (line: string): boolean => line.length <= 90 && startsLikeHead(line) && furnitureHeadRe().test(line),
};

/** Link targets of sign-up, subscription and login pages (URL words cross languages better than prompts do). */
export const SUBSCRIBE_HREF =
  /newsletter|subscri|suscri|abonn|abbona|assin(?:e|a(?:r|tura))|subskryp|\/(?:abo|log-?in|sign-?(?:in|up)|anmelden)\b/i;
/** Links of an author box: the author's page or social profiles. */
export const AUTHOR_HREF = /\/(?:auth?or|auteur|redakt|journalist)[a-z]*\/[^/]/i;
export const PROFILE_HREF = /^mailto:|\/\/(?:www\.)?(?:twitter|x|facebook|instagram|linkedin)\.com\/[^/]/i;

/** A price: currency sign or code next to a number. */
export const PRICE_RE = /(?:[$€£¥]|\b(?:usd|eur|gbp|chf)\b)\s?\d|\d(?:[\d.,]*\d)?\s?(?:[$€£¥]|\b(?:usd|eur|gbp|chf|euro)\b)/i;

// Every date line has a digit, a weekday ("...day") or is "updated".
const DATE_HINT = /\d|day|^updated$/i;
export const DATE_LINE = { test: (line: string): boolean => DATE_HINT.test(line) && dateRe().test(line) };
