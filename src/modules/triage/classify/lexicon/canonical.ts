/**
 * Word forms rewritten before matching, so each lexicon names a concept once:
 * spelling variants ("log in" → login), and frequent German, Spanish and French support words
 * mapped to their English lexicon form. Keys are folded text (lowercase, no accents, no
 * apostrophes); longer keys win. Extend freely: one line per form.
 */
export const CANONICAL: Readonly<Record<string, string>> = {
  // spelling variants
  'log in': 'login', 'log on': 'login', 'logon': 'login', 'log into': 'login into', 'logged into': 'logged into',
  'sign in': 'signin', 'sign into': 'signin into', 'sign on': 'signin', 'sign ins': 'signins', 'signed into': 'signed into',
  'e mail': 'email', 'e mails': 'emails', 'mail': 'email', 'mails': 'emails',
  'two factor': '2fa', '2 factor': '2fa', 'two step': '2fa', '2 step': '2fa', 'multi factor': '2fa', 'mfa': '2fa',
  'two fa': '2fa', 'tfa': '2fa', 'totp': '2fa', 'one time code': '2fa code',
  'add on': 'addon', 'add ons': 'addons', 'set up': 'setup', 'pass word': 'password', 'pass words': 'passwords',
  'master password': 'masterpassword', 'master passwords': 'masterpassword', 'master pw': 'masterpassword',
  'main password': 'masterpassword', 'master pass': 'masterpassword', 'masterpw': 'masterpassword',
  'cannot': 'cant', 'can not': 'cant', 'could not': 'couldnt', 'do not': 'dont', 'does not': 'doesnt',
  'did not': 'didnt', 'is not': 'isnt', 'was not': 'wasnt', 'are not': 'arent', 'will not': 'wont',
  'have not': 'havent', 'has not': 'hasnt', 'not able to': 'unable to',
  'one password': '1password', 'last pass': 'lastpass',
  '2x': 'twice', 'two times': 'twice', '2 times': 'twice',
  // "can someone help" is a request, not a report about someone
  'can someone': 'can anyone', 'could someone': 'could anyone', 'would someone': 'would anyone',
  'need someone': 'need anyone', 'with someone': 'with anyone', 'to someone': 'to anyone',
  'for someone': 'for anyone', 'someone from': 'anyone from', 'someone please': 'anyone please',
  'ask someone': 'ask anyone', 'someone who': 'anyone who', 'someone else who': 'anyone who',
  // German
  'passwort': 'password', 'passworter': 'passwords', 'kennwort': 'password', 'masterpasswort': 'masterpassword',
  'master passwort': 'masterpassword', 'hauptpasswort': 'masterpassword', 'konto': 'account', 'kontos': 'account',
  'tresor': 'vault', 'vergessen': 'forgot', 'komme nicht mehr': 'cant get', 'komme nicht': 'cant get',
  'kann nicht': 'cant', 'kann mich nicht': 'cant', 'anmelden': 'login', 'einloggen': 'login', 'eingeloggt': 'logged',
  'angemeldet': 'logged', 'anmeldung': 'login', 'wiederherstellen': 'recover', 'zwei faktor': '2fa',
  'zwei faktor authentifizierung': '2fa', 'installieren': 'install', 'installiert': 'installed',
  'herunterladen': 'download', 'erweiterung': 'extension', 'browsererweiterung': 'browser extension',
  'aktualisierung': 'update', 'synchronisierung': 'sync', 'synchronisation': 'sync', 'synchronisiert': 'synced',
  'langsam': 'slow', 'dauert ewig': 'takes forever', 'absturz': 'crash', 'sturzt ab': 'crashes',
  'rechnung': 'invoice', 'rechnungen': 'invoices', 'abo': 'subscription', 'abonnement': 'subscription',
  'kundigen': 'cancel', 'gekundigt': 'cancelled', 'erstattung': 'refund', 'ruckerstattung': 'refund',
  'geld zuruck': 'money back', 'abgebucht': 'charged', 'abbuchung': 'charge', 'zweimal': 'twice', 'doppelt': 'twice',
  'jemand': 'someone', 'nicht ich': 'not me', 'war nicht ich': 'wasnt me', 'gehackt': 'hacked',
  'fehlen': 'missing', 'fehlt': 'missing', 'verschwunden': 'disappeared', 'alle': 'all', 'eintrage': 'entries',
  'dringend': 'urgent', 'sofort': 'immediately', 'loschen': 'delete', 'wie kann ich': 'how can i',
  'kann man': 'can i', 'nicht': 'not', 'kein': 'no', 'keine': 'no', 'handy': 'phone',
  'funktioniert nicht': 'not working', 'exportieren': 'export', 'importieren': 'import', 'teilen': 'share',
  // Spanish
  'contrasena': 'password', 'contrasenas': 'passwords', 'contrasena maestra': 'masterpassword',
  'clave maestra': 'masterpassword', 'correo': 'email', 'cuenta': 'account', 'boveda': 'vault', 'olvide': 'forgot', 'olvidado': 'forgot',
  'no puedo entrar': 'cant get in', 'no puedo acceder': 'cant access', 'no puedo': 'cant',
  'iniciar sesion': 'login', 'inicio de sesion': 'login', 'instalar': 'install', 'descargar': 'download',
  'actualizacion': 'update', 'sincronizacion': 'sync', 'sincroniza': 'syncs', 'sincronizar': 'sync',
  'lento': 'slow', 'lenta': 'slow', 'factura': 'invoice', 'facturas': 'invoices', 'suscripcion': 'subscription',
  'cancelar': 'cancel', 'reembolso': 'refund', 'cobraron': 'charged', 'cobrado': 'charged', 'cobro': 'charge',
  'dos veces': 'twice', 'alguien': 'someone', 'no fui yo': 'not me', 'hackeado': 'hacked', 'hackeada': 'hacked',
  'cambiado': 'changed', 'borrado': 'deleted', 'desaparecido': 'disappeared', 'urgente': 'urgent',
  'lo antes posible': 'asap', 'como puedo': 'how can i', 'compartir': 'share', 'exportar': 'export',
  'importar': 'import', 'entrado': 'logged', 'eliminar': 'delete', 'borrar': 'delete',
  // French
  'mot de passe': 'password', 'mots de passe': 'passwords', 'mot de passe maitre': 'masterpassword',
  'mot de passe principal': 'masterpassword', 'compte': 'account', 'coffre': 'vault', 'oublie': 'forgot',
  'recuperer': 'recover', 'connecter': 'login', 'connexion': 'login', 'installe': 'installs', 'installer': 'install',
  'telecharger': 'download', 'mise a jour': 'update', 'synchronisent': 'sync', 'synchroniser': 'sync',
  'lent': 'slow', 'facture': 'invoice', 'factures': 'invoices', 'annuler': 'cancel',
  'remboursement': 'refund', 'rembourser': 'refund', 'debite': 'charged', 'preleve': 'charged', 'deux fois': 'twice',
  'quelquun': 'someone', 'pas moi': 'not me', 'pirate': 'hacked', 'hameconnage': 'phishing',
  'se fait passer pour': 'pretending to be', 'se faisant passer pour': 'pretending to be',
  'au plus vite': 'asap', 'importer': 'import', 'exporter': 'export', 'partager': 'share', 'supprimer': 'delete',
  'ne peux pas': 'cant', 'ne peux plus': 'cant', 'arrive pas': 'cant', 'arrive plus': 'cant',
  'ne fonctionne pas': 'not working', 'message derreur': 'error message',
  'haciendose pasar por': 'pretending to be', 'gibt sich als': 'pretending to be', 'gibt sich aus als': 'pretending to be',
};

/** Words that negate a negatable term when they come shortly before it in the same clause. */
export const NEGATORS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'dont', 'doesnt', 'didnt', 'isnt', 'wasnt', 'arent', 'werent', 'havent', 'hasnt',
  'hadnt', 'nothing', 'without', 'neither', 'nor', 'nie', 'nunca', 'jamais', 'pas', 'ni',
]);

/** A negator followed by one of these is a hedge ("not sure if I was hacked"), not a denial. */
export const HEDGES: ReadonlySet<string> = new Set(['sure', 'certain', 'know', 'idea', 'clear']);

/** Words that end a negation's scope ("I can't log in and I think I was hacked"). */
export const SCOPE_BREAKS: ReadonlySet<string> = new Set([
  'and', 'but', 'because', 'so', 'though', 'although', 'however', 'while', 'then', 'also',
  'aber', 'und', 'pero', 'mais', 'et', 'y',
]);

/** The company the customers write about: its names and the domains that are really its own. */
export const BRAND = { names: ['vaultly'], domains: ['vaultly.com'] } as const;
