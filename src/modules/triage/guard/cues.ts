/**
 * The phrases around a secret's name that make a reply ask for it, or say the opposite.
 * English, German, Spanish and French; every pattern is matched case-insensitively.
 */
const S = String.raw`(?<![\p{L}\p{N}])`;
const E = String.raw`(?![\p{L}\p{N}])`;
const words = (source: string): RegExp => new RegExp(`${S}(?:${source})${E}`, 'giu');

/** How a cue asks: hand it over, we need it, what is it, or type it somewhere we can read. */
export type CueKind = 'send' | 'need' | 'question' | 'type';

/**
 * A cue; `either` when the language may put the verb after the secret's name ("Ihr Passwort
 * mitteilen"); `lead` when the verb asks only as a request ("please send", "send us"), not in a
 * statement ("our team will share the recovery kit with you").
 */
export type Cue = { kind: CueKind; pattern: RegExp; either?: boolean; lead?: boolean };

/** "tell us if…", "let me know whether…": asks about the secret, not for it. */
export const ABOUT_NOT_FOR = /^\s+(?:(?:us|me)\s+)?(?:if|whether|when|why|how|once|after|where|that|which|what)(?![\p{L}\p{N}])/iu;

export const CUES: readonly Cue[] = [
  {
    kind: 'send',
    lead: true,
    pattern: words(
      String.raw`send|share|give|provide|tell|e-?mail|text|dm|forward|paste|post|submit|disclose|reveal|read\s+out|spell\s+out|include|attach|supply|hand\s+over|pass\s+along|confirm|repeat|` +
        String.raw`(?:reply|respond|write\s+back|get\s+back\s+to\s+(?:us|me))\s+with|let\s+(?:us|me)\s+(?:know|have|see)|ask\s+(?:you\s+)?for`,
    ),
  },
  {
    kind: 'send',
    either: true,
    pattern: words(
      String.raw`senden|schicken|zusenden|zuschicken|mitteilen|teilen|nennen|geben|(?:ü|ue)bermitteln|verraten|best(?:ä|ae)tigen|angeben|schreiben|zukommen\s+lassen|antworten\s+sie\s+mit`,
    ),
  },
  {
    kind: 'send',
    pattern: words(
      String.raw`env[íi]e(?:nos|me)?|env[íi]a(?:nos|me)?|m[áa]nde(?:nos|me)?|m[áa]nda(?:nos|me)?|comp[áa]rt(?:a|e)(?:nos|me)?|d[íi]ga(?:nos|me)|d[íi](?:nos|me)|ind[íi]que(?:nos|me)?|proporci[óo]ne(?:nos|me)?|facil[íi]te(?:nos|me)?|conf[íi]rme(?:nos|me)?|escr[íi]ba(?:nos|me)?|responda\s+con|revele|` +
        String.raw`envoy(?:ez|er)|transmet(?:tez|tre)|communiqu(?:ez|er)|donn(?:ez|er)|partag(?:ez|er)|indiqu(?:ez|er)|fourn(?:issez|ir)|confirm(?:ez|er)|[ée]cri(?:vez|re)|r[ée]pondez\s+avec|pr[ée]cis(?:ez|er)`,
    ),
  },
  {
    kind: 'need',
    pattern: words(
      String.raw`(?:we|i)(?:'ll|\s+will|\s+would|'d|\s+do|\s+still|\s+also|\s+just)?\s+(?:need|require|must\s+have|have\s+to\s+have)|(?:may|can|could)\s+(?:i|we)\s+(?:have|get|ask\s+for)|need\s+to\s+(?:have|know|see|get)|` +
        String.raw`(?:wir|ich)\s+(?:ben(?:ö|oe)tigen?|brauchen?)|(?:ben(?:ö|oe)tigen|brauchen)\s+wir|` +
        String.raw`necesitamos|necesito|requerimos|nos\s+hace\s+falta|` +
        String.raw`nous\s+avons\s+besoin|j'ai\s+besoin|il\s+nous\s+faut|nous\s+devons\s+avoir`,
    ),
  },
  {
    kind: 'question',
    pattern: words(
      String.raw`(?:what(?:'s|\s+is|\s+was|\s+are|\s+were)|which\s+is)\s+(?:your|the)|` +
        String.raw`(?:wie\s+lautet|wie\s+lauten|was\s+ist|was\s+sind)\s+(?:ihr|ihre|dein|deine)|` +
        String.raw`(?:cu[áa]l\s+es|cu[áa]les\s+son|qu[ée]\s+es)\s+(?:su|tu|sus|tus)|` +
        String.raw`(?:quel(?:le)?s?\s+(?:est|sont))\s+(?:votre|vos|ton|ta|tes)`,
    ),
  },
  { kind: 'type', pattern: words(String.raw`enter|type|write|input|fill\s+in|verify|key\s+in|put`) },
];

/** Somewhere we read: "send us", "below", "in your reply", "uns", "nos", "ci-dessous". */
export const TO_US = words(
  String.raw`us|me|back|here|below|support|(?:in|into)\s+(?:your|this|the|a)\s+(?:reply|response|answer|message|e-?mail|chat|ticket|thread)|over\s+(?:e-?mail|chat|the\s+phone)|by\s+(?:e-?mail|reply|chat)|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|` +
    String.raw`uns|mir|hier|unten|in\s+ihrer\s+antwort|nos|nosotros|aqu[íi]|abajo|en\s+su\s+respuesta|nous|moi|ici|ci-dessous|dans\s+votre\s+r[ée]ponse`,
);

/** Somewhere the customer keeps it: the app, the extension, a trusted person. */
export const ELSEWHERE = words(
  String.raw`(?:in|into|on|inside|within|from|using|via)\s+(?:the\s+|your\s+|our\s+)?(?:app|application|extension|browser|desktop|mobile|website|web\s+vault|web\s+app|vault|login\s+(?:page|screen|form)|sign-in\s+page|settings|field|dialog|prompt|device|phone|computer|account\s+page|password\s+manager)|when\s+prompted|to\s+unlock|` +
    String.raw`(?:with|to)\s+(?:your|a|an|another|other|any|trusted)\s+(?!support|team\b)[\p{L}-]+|` +
    String.raw`in\s+der\s+app|mit\s+(?:ihrer|ihrem|ihren)\s+\p{L}+|en\s+la\s+aplicaci[óo]n|con\s+(?:su|tu)\s+\p{L}+|dans\s+l'application|avec\s+(?:votre|ton|ta|vos)\s+\p{L}+`,
);

/** Saying not to: "never", "do not", "nicht", "nunca", "ne … jamais", "n'envoyez". */
const NEGATION_WORDS =
  String.raw`never|not|\p{L}+n't|cannot|no\s+one|nobody|without|instead\s+of|rather\s+than|avoid|refrain|no\s+need|neither|nor|` +
  String.raw`nie|niemals|nicht|kein\p{L}*|keinesfalls|` +
  String.raw`nunca|jam[áa]s|no(?!\s+(?:worries|worry|problem|problems|rush|hurry|doubt))|ning[úu]n|nadie|` +
  String.raw`jamais|ne|pas|aucun`;
export const NEGATION = new RegExp(`${S}(?:${NEGATION_WORDS})${E}|${S}n'(?=\\p{L})`, 'giu');

/** "the last four digits": a card's tail is no secret. */
export const LAST_DIGITS = words(
  String.raw`last\s+(?:four|4|two|2)(?:\s+digits)?|ending\s+(?:in|with)|letzten\s+(?:vier|4)|(?:ú|u)ltimos\s+(?:cuatro|4)|(?:quatre|4)\s+derniers`,
);

/** Warning about others who ask: "if anyone asks you to…", "a scam", "Betrug", "estafa", "arnaque". */
export const WARNING = words(
  String.raw`anyone|anybody|someone|somebody|scam\p{L}*|phish\p{L}*|fraud\p{L}*|impersonat\p{L}*|asks?\s+you\s+to|asked\s+to|asking\s+you\s+to|beware|suspicious|` +
    String.raw`jemand|betrug\p{L}*|betr(?:ü|ue)ger\p{L}*|alguien|estafa\p{L}*|fraude\p{L}*|quelqu'un|arnaque\p{L}*|escroquerie\p{L}*`,
);
