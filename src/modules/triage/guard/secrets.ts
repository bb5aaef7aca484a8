/** What an outbound reply may not ask a customer for. */
export type AskedSecret = 'master_password' | 'password' | 'recovery_code' | 'two_factor_secret' | 'card_number';

/** A secret's names in English, German, Spanish and French, most specific first. */
export type SecretName = { kind: AskedSecret; label: string; pattern: RegExp };

const S = String.raw`(?<![\p{L}\p{N}])`;
const E = String.raw`(?![\p{L}\p{N}])`;
const names = (source: string, flags = 'giu'): RegExp => new RegExp(`${S}(?:${source})${E}`, flags);

/** Words after "password" that make it a thing about passwords, not the password itself. */
const NOT_THE_PASSWORD = String.raw`(?![\s-]*(?:managers?|resets?|changes?|hints?|polic(?:y|ies)|requirements?|strength|generators?|fields?|history|health|audit|page|prompt|protect(?:ed|ion)|settings|rules?|length|expir(?:y|ation)|recovery|less|link|e-?mail|screen|dialog|box|sharing|vault)${E})`;
const NOT_A_MANAGER = String.raw`(?<!(?:gestionnaire|gestionnaires)\s+(?:de|des)\s+)(?<!(?:gestor|administrador)\s+de\s+)`;

export const SECRET_NAMES: readonly SecretName[] = [
  {
    kind: 'master_password',
    label: 'master password',
    pattern: names(String.raw`master[\s-]?(?:password|passphrase|passwort|kennwort)|main\s+password|vault\s+password|haupt(?:passwort|kennwort)|contraseña\s+(?:maestra|principal)|clave\s+maestra|mot\s+de\s+passe\s+(?:principal|ma[iî]tre)`),
  },
  {
    kind: 'recovery_code',
    label: 'recovery code',
    pattern: names(
      String.raw`(?:recovery|backup|rescue|emergency)[\s-]?(?:codes?|keys?|kit|phrases?|sheet|words)|secret\s+key|seed\s+phrase|` +
        String.raw`wiederherstellungs-?(?:codes?|schl(?:ü|ue)ssel|phrase)|notfall-?(?:kit|codes?)|backup-?codes?|` +
        String.raw`c[óo]digos?\s+de\s+(?:recuperaci[óo]n|respaldo|emergencia)|clave\s+de\s+recuperaci[óo]n|frase\s+semilla|` +
        String.raw`codes?\s+de\s+(?:r[ée]cup[ée]ration|secours)|cl[ée]\s+de\s+(?:r[ée]cup[ée]ration|secours)|phrase\s+de\s+r[ée]cup[ée]ration`,
    ),
  },
  {
    kind: 'two_factor_secret',
    label: '2FA secret or code',
    pattern: names(
      String.raw`(?:2fa|two[\s-]factor|2[\s-]step|two[\s-]step|mfa|totp|otp|authenticator)(?:\s+(?:app|authentication|login|verification))?[\s-]+(?:secret|seed|key|codes?|qr\s+code|token|setup\s+key)|` +
        String.raw`(?:2fa|totp|authenticator|zwei-?faktor)-?(?:code|schl(?:ü|ue)ssel|geheimnis)|` +
        String.raw`(?:c[óo]digo|secreto)\s+(?:de\s+)?(?:2fa|totp|autenticaci[óo]n|del\s+autenticador)|` +
        String.raw`(?:code|secret)\s+(?:2fa|totp|d'authentification|de\s+l'authentificateur|de\s+double\s+authentification)`,
    ),
  },
  {
    kind: 'card_number',
    label: 'card number',
    pattern: names(
      String.raw`(?:(?:full|complete|entire|whole|long)\s+)?(?:(?:credit|debit|payment)\s+)?card(?:'s)?\s+(?:number|details|no\.?|digits)|card\s+verification\s+(?:code|value)|cvv2?|cvc2?|security\s+code\s+(?:on|from)\s+(?:the\s+back\s+of\s+)?(?:your|the)\s+card|` +
        String.raw`(?:kredit)?kartennummer|(?:karten)?pr(?:ü|ue)fnummer|` +
        String.raw`n[úu]mero\s+(?:completo\s+)?de\s+(?:la\s+|su\s+|tu\s+)?tarjeta|c[óo]digo\s+de\s+seguridad|` +
        String.raw`num[ée]ro\s+(?:complet\s+)?de\s+(?:la\s+|votre\s+|ta\s+)?carte|cryptogramme`,
    ),
  },
  {
    kind: 'password',
    label: 'password',
    pattern: names(
      String.raw`${NOT_A_MANAGER}(?:pass(?:words?|phrases?|codes?)${NOT_THE_PASSWORD}|pass\s+phrase|login\s+(?:credentials|details)|credentials|` +
        String.raw`passw(?:o|ö)rt(?:er)?(?!-?manager)|kennw(?:o|ö)rt(?:er)?|zugangsdaten|anmeldedaten|` +
        String.raw`contraseñas?|claves?(?!\s+de\s+(?:producto|licencia|api))|credenciales|mots?\s+de\s+passe|identifiants|code\s+pin)`,
    ),
  },
  { kind: 'password', label: 'PIN', pattern: /(?<![\p{L}\p{N}])PINs?(?![\p{L}\p{N}])/gu },
];
