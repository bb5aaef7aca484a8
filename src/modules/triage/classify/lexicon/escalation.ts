import type { EscalationRule } from './types.ts';

/** First step of every checklist: nothing about the account is discussed before it. */
export const IDENTITY_STEP = "Confirm the customer's identity through a verified channel before discussing account details";

// Building blocks for `together` groups.
const NOT_ME = [
  'not me', 'wasnt me', 'it wasnt', 'not us', 'wasnt us', 'none of us', 'wasnt any of us', 'not any of us',
  'not mine', 'isnt mine', 'arent mine',
];
const DISOWN_ACCESS = [
  ...NOT_ME, 'didnt make|request|authori*|initiate', 'didnt do that|this', 'never made|requested|authori*',
  'never been to', 'dont|didnt recogni*', 'dont know .. device|devices|login|logins|location|ip', 'dont own',
];
const DISOWN_EDIT = [
  ...NOT_ME, 'didnt|never change|changed|edit|edited|delete|deleted|remove|removed them|it|those|these|this|that',
  'never created|added|made', 'didnt create|add|make',
];
const LOGIN_CONTEXT = [
  'login|logins|signin|signins|logged|signed|session|sessions|device|devices|location|ip|access|accessed',
  'code|codes|2fa|notification|alert',
];
const ITEM_CHANGE = [
  'changed|edited|modified|deleted|removed|added|created|moved|renamed|emptied',
  'new items|entries|entry|item|logins',
];
const PHISHY = 'email|emails|sms|text|message|site|website|page|link|call|domain|url|login|extension|app';
const PHISH_CONTEXT = [
  '~phish*', `~fake|~scam|~fraudulent|~bogus|~spoofed|~suspicious ${PHISHY}`, '~looks|~looked|~seems|~is fake|scam|spoofed',
  'impersonat*', 'pretend*', 'claim* to be', 'claiming .. from', 'looked|looks|look exactly|just like',
  'looked|looks|look like your|vaultly|the real', 'lookalike', 'not legit', 'wrong url|domain', 'url was wrong',
];
const BRAND_REF = ['~vaultly', 'from you', 'your logo|company|emails|site|website|support', 'your login page', 'you guys'];
const MASTER_PASSWORD_ASK = [
  'asking|asks|asked|requesting|requests|wants|wanted|demand* ... masterpassword',
  'verify|confirm|reverify|validate|reenter ... masterpassword',
];
const ARTIFACT = ['email|emails|sms|text|message|call|link|popup|site|website|page|url|form|extension|domain'];
const MASTER_PASSWORD_TYPED = ['typed|entered|put|gave|submitted|input ... masterpassword'];
const REUSED = ['reus* .. masterpassword', 'masterpassword .. reus*', 'same masterpassword', 'masterpassword .. same .. elsewhere|everywhere|other|another'];
const ELSEWHERE_BREACHED = ['~breach*', '~leak*', '~hacked', '~compromised', 'pwned', 'haveibeenpwned'];
const MALWARE = [
  'had|has|have|got|found|detected|caught|installed|contained ... malware|keylogger|infostealer|trojan|virus|spyware',
  'infected', 'keylogger', 'infostealer',
];

/** The four compromise reports, what gives each away, and the security team's checklist for it. */
export const ESCALATIONS: readonly EscalationRule[] = [
  {
    kind: 'unknown-login',
    reason: 'login or access the customer did not make',
    phrases: [
      'someone ... logged|signed|accessed|entered|login|signin|broke', 'someone ... got|gotten|is|has in|into|access',
      'someone else .. using|has|access*', 'unknown device|devices|login|logins|signin|signins|location|ip|session|sessions',
      'unrecogni* device|devices|login|logins|signin|signins|location|ip|session|sessions|activity|access',
      'suspicious login*|signin*|activity|session*|access', 'unauthori* access|login*|signin*|device*',
      'my|our account|vault|email .. ~hacked|~compromised|~breached', 'my|our account|vault|email .. taken over',
      'i|we was|were|got|am|are ~hacked|~compromised', 'i|we have|ve been ~hacked|~compromised',
      'ive|weve been ~hacked|~compromised', 'think i|we .. ~hacked|~compromised',
      'account takeover', 'took over .. account', 'attacker*', 'hacker*', 'intruder',
      'someone ... changed .. masterpassword|email|2fa', 'new 2fa device .. isnt|not mine',
    ],
    together: [[DISOWN_ACCESS, LOGIN_CONTEXT]],
    checklist: [
      'Review the login history and active sessions with the customer (time, location, device)',
      'Revoke all sessions and trusted devices',
      'Ask the customer to change the master password from a trusted device',
      'Check for and remove unknown 2FA devices, recovery emails and phone numbers',
      'Check whether vault items were viewed, exported or changed since the first unknown login',
    ],
  },
  {
    kind: 'changed-items',
    reason: 'vault items changed, added or deleted that the customer did not change',
    phrases: [
      'someone ... changed|deleted|removed|edited|modified|added|created|exported|moved|emptied .. item|items|entry|entries|password|passwords|logins|login|notes|note|card|cards|folder|folders|vault|collection|everything',
      'items|entries|passwords|logins|notes|cards|folders ... i|we never|didnt create|created|add|added|change|changed|make|made|delete|deleted|edit|edited',
      'new item|entry|login|note|card ... i|we never|didnt create|created|add|added|make|made',
      'i|we didnt|never change|changed|edit|edited|delete|deleted them|those|these', 'none of us did',
    ],
    together: [[DISOWN_EDIT, ITEM_CHANGE]],
    checklist: [
      'Pull the item history and audit log for the affected items; identify the device and session behind each change',
      'Revoke all sessions and trusted devices',
      'Ask the customer to change the master password from a trusted device',
      'If shared folders are affected, review who has access and tell the other members',
      'Restore changed or deleted items from item history once the account is secured',
      'Advise the customer to change the affected credentials at the sites themselves',
    ],
  },
  {
    kind: 'leaked-password',
    reason: 'master password leaked, stolen or typed where it should not have been',
    phrases: [
      'masterpassword ... ~leak*|~stolen|~exposed|~compromised|captured|posted|published|~breach*|paste|pastebin|dump',
      'masterpassword ... found online',
      'leaked|stole|stolen|exposed|captured|saw|seen|knows|shared|gave|told|pasted|posted|sent|revealed ... masterpassword',
    ],
    together: [[MASTER_PASSWORD_TYPED, PHISH_CONTEXT], [MALWARE, ['password*', 'masterpassword']], [REUSED, ELSEWHERE_BREACHED]],
    checklist: [
      'Ask the customer to change the master password at once, from a clean, trusted device',
      'Revoke all sessions and trusted devices',
      'Check that 2FA is on; remove unknown 2FA devices, recovery emails and phone numbers',
      'Review the login history for access since the leak',
      'If malware is suspected, have the device cleaned or reinstalled before the new master password is typed on it',
      'Recommend changing the most sensitive credentials in the vault (email, banking) at the sites themselves',
    ],
  },
  {
    kind: 'phishing',
    reason: 'phishing that imitates the company',
    phrases: ['pretending to be', 'impersonat* .. vaultly|you|your', 'fake vaultly', 'vaultly phishing'],
    together: [[PHISH_CONTEXT, BRAND_REF], [PHISH_CONTEXT, MASTER_PASSWORD_ASK], [MASTER_PASSWORD_ASK, ARTIFACT, BRAND_REF]],
    checklist: [
      'Ask whether the customer clicked the link or entered the master password or a 2FA code; if so, handle it as a leaked master password',
      'Collect the full message headers (or the SMS sender) and the exact URL',
      'Report the domain to its registrar and host, and to Google Safe Browsing and Microsoft SmartScreen',
      'Tell the customer we never ask for the master password by email, SMS, phone or chat',
      'Check whether other customers reported the same campaign and warn the support team',
    ],
  },
];

/** Phrases that make a co-occurrence hypothetical ("what if someone…", "how do I spot phishing"). */
export const HYPOTHETICAL: readonly string[] = [
  'what if', 'what happens if', 'what should i do if', 'in case', 'hypothetical*',
  'how do|can|would|should i|we know|tell|recogni*|spot|identify|detect', 'is it possible',
];
