/**
 * Words that follow "password is", "password:" and the like in sentences about a password rather
 * than in ones that give it away ("my password is not working", "Passwort ist falsch").
 * Compared lower-cased, with surrounding punctuation removed.
 */
export const NOT_A_PASSWORD: ReadonlySet<string> = new Set([
  // English: negations, judgements, states
  'not', 'no', 'never', 'wrong', 'incorrect', 'invalid', 'correct', 'right', 'valid', 'ok', 'okay', 'fine',
  'good', 'bad', 'weak', 'strong', 'secure', 'insecure', 'safe', 'unsafe', 'too', 'very', 'so', 'quite',
  'still', 'being', 'been', 'be', 'expired', 'expiring', 'required', 'needed', 'necessary', 'mandatory',
  'optional', 'missing', 'blank', 'empty', 'same', 'different', 'case', 'case-sensitive', 'long', 'short',
  'longer', 'shorter', 'saved', 'stored', 'set', 'changed', 'reset', 'locked', 'lost', 'forgotten', 'forgot',
  'unknown', 'known', 'hidden', 'encrypted', 'shown', 'visible', 'accepted', 'rejected', 'failing', 'working',
  'broken', 'compromised', 'leaked', 'stolen', 'hacked', 'breached', 'reused', 'used', 'updated', 'generated',
  'autofilled', 'synced', 'protected', 'managed', 'sent', 'attached', 'included', 'ready', 'pending',
  'correctly', 'incorrectly', 'definitely', 'probably', 'apparently', 'obviously', 'clearly', 'really',
  'actually', 'currently', 'now', 'also', 'just', 'only', 'already', 'always', 'sometimes', 'usually',
  'exactly', 'about', 'around', 'almost', 'like', 'supposed', 'going', 'getting', 'having', 'stuck', 'weird',
  'strange', 'simple', 'complex', 'complicated', 'easy', 'hard', 'difficult', 'unique', 'random', 'randomly',
  'showing', 'shows', 'said', 'says', 'saying', 'asking', 'entered', 'typed', 'likely', 'unlikely', 'possibly',
  'maybe', 'perhaps', 'certainly', 'surely', 'kept', 'written', 'printed', 'located', 'displayed', 'available',
  'unavailable', 'listed', 'inside', 'within', 'under', 'behind', 'off', 'exposed', 'captured', 'gone', 'deleted',
  'found', 'guessed', 'shared', 'copied', 'pasted', 'wiped', 'cleared', 'blocked', 'disabled', 'enabled',
  // English: function words
  'the', 'a', 'an', 'my', 'your', 'our', 'his', 'her', 'their', 'its', 'this', 'that', 'these', 'those',
  'it', "it's", 'i', "i'm", "i've", "i'd", 'we', 'you', 'he', 'she', 'they', 'me', 'mine', 'yours',
  'in', 'on', 'at', 'for', 'to', 'from', 'with', 'without', 'of', 'by', 'into', 'as', 'and', 'or', 'but',
  'because', 'since', 'if', 'when', 'where', 'why', 'how', 'what', 'which', 'who', 'there', 'here',
  'is', 'was', 'are', 'were', 'will', 'would', 'should', 'could', 'can', 'cannot', "can't", "isn't",
  "wasn't", "doesn't", "don't", "didn't", "won't", 'does', 'did', 'do', 'has', 'have', 'had',
  'one', 'all', 'any', 'some', 'every', 'each', 'either', 'neither', 'both', 'such', 'more', 'less',
  'something', 'anything', 'nothing', 'everything', 'somewhere', 'below', 'above', 'see', 'follows',
  'please', 'thanks', 'thank', 'hi', 'hello', 'regards', 'help',
  // placeholders people type instead of a password
  'n/a', 'na', 'none', 'null', 'nil', 'unset', 'tbd', 'todo', 'redacted', 'removed', 'masked',
  'manager', 'field', 'prompt', 'box', 'hint', 'policy', 'requirements', 'rules', 'change', 'update',
  'recovery', 'protected',
  // German
  'nicht', 'kein', 'keine', 'falsch', 'richtig', 'korrekt', 'ungültig', 'ungueltig', 'abgelaufen', 'zu',
  'das', 'der', 'die', 'ein', 'eine', 'mein', 'meine', 'noch', 'immer', 'leer', 'weg', 'vergessen',
  'geändert', 'geaendert', 'gesperrt',
  // French
  'pas', 'faux', 'fausse', 'trop', 'le', 'la', 'les', 'un', 'une', 'mon', 'ma', 'toujours', 'expiré',
  'invalide', 'bon', 'oublié', 'vide', 'erroné', 'incorrecte',
  // Spanish
  'incorrecta', 'incorrecto', 'muy', 'el', 'una', 'mi', 'todavía', 'todavia', 'caducada', 'inválida',
  'invalida', 'correcta', 'demasiado', 'vacía', 'olvidada', 'errónea',
  // Dutch, Portuguese
  'niet', 'fout', 'te', 'de', 'het', 'een', 'mijn', 'nog', 'não', 'errada', 'minha',
]);

/** Words after a number that make it a length or a count, as in "password is 8 characters". */
export const UNIT_WORDS: ReadonlySet<string> = new Set([
  'characters', 'character', 'chars', 'char', 'digits', 'digit', 'letters', 'letter', 'symbols', 'words',
  'times', 'days', 'hours', 'minutes', 'weeks', 'months', 'years', 'zeichen', 'caractères', 'caracteres',
]);
