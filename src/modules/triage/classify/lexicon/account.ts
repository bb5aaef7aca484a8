import type { CategoryLexicon } from './types.ts';

/** Account & password recovery: locked out, forgotten master password, lost 2FA, email change, deletion. */
export const ACCOUNT: CategoryLexicon = {
  category: 'account',
  threshold: 2,
  strong: [
    'locked out', 'lock* me out', 'account .. locked', 'locked .. account', 'unlock .. account',
    'forgot* .. password*|masterpassword|email|login|credentials|pin|username', 'password*|masterpassword .. forgot*',
    'forgotten', 'forget .. password*|masterpassword', 'cant remember', 'dont remember', 'not remember',
    'cant login|signin|log|sign', 'couldnt login|signin', 'unable to login|signin|log|sign|access', 'cant get in|into|past|back',
    'cant access .. account', 'login .. not working', 'stuck .. login|signin',
    'wrong password|masterpassword', 'incorrect password|masterpassword', 'masterpassword .. wrong|incorrect|invalid',
    'password* .. incorrect|invalid', 'password* .. not accepted', 'invalid credentials', 'too many attempts|tries',
    'account recovery', 'recover* .. account*', 'reset* .. masterpassword', 'recovery kit|code|codes', 'emergency kit',
    'backup code*', 'reset* .. 2fa', 'lost .. 2fa|authenticator|yubikey', 'new phone .. 2fa|authenticator|code|codes',
    '2fa .. not|doesnt|dont|wont|invalid|lost', 'authenticator .. not|doesnt|dont|wont|invalid|lost|old',
    'change* .. email', 'update* .. email', 'email change', 'new email', 'email address .. change*|update*|typo',
    'delete* .. account*', 'close .. account*', 'account deletion', 'deactivat* .. account*', 'remove .. account*',
    'merge .. account*', 'two accounts', 'account not found', 'account .. suspended|disabled|deactivated|blocked',
    'gdpr request', 'data request', 'verification email', 'verification code*',
    'change* .. masterpassword', 'take .. over .. account', 'turn|switch off|on .. 2fa', 'disable|enable|setup .. 2fa',
  ],
  medium: [
    'account*', 'masterpassword', 'login', 'signin', 'logged out', 'username', '2fa', 'authenticator', 'yubikey',
    'otp', 'sms', 'face id', 'touch id', 'biometric*', 'password reset', 'reset .. password*', 'email address',
    'recover*', 'profile', 'access to .. account', 'unlock', 'verification', 'personal data', 'gdpr', 'my data',
  ],
  weak: ['password*', 'email', 'phone', 'code', 'codes', 'vault'],
  priority: {
    high: [
      'locked out', 'lock* me out', 'account .. locked', 'locked .. account', 'unlock .. account',
      'forgot* .. password*|masterpassword|email|login|credentials|pin|username', 'password*|masterpassword .. forgot*',
      'forgotten', 'forget .. password*|masterpassword', 'cant remember', 'dont remember', 'not remember',
      'cant login|signin|log|sign', 'couldnt login|signin', 'unable to login|signin|log|sign', 'cant get in|into|past|back',
      'cant access .. account', 'login .. not working', 'stuck .. login|signin', 'so i can login|signin',
      'wrong password|masterpassword', 'incorrect password|masterpassword', 'masterpassword .. wrong|incorrect|invalid',
      'password* .. incorrect|invalid', 'password* .. not accepted', 'invalid credentials', 'too many attempts|tries',
      'lost .. 2fa|authenticator|yubikey|phone', 'new phone .. 2fa|authenticator|code|codes', 'reset* .. 2fa',
      '2fa .. not|doesnt|dont|wont|invalid|lost', 'authenticator .. not|doesnt|dont|wont|invalid|lost|old',
      'dont have .. backup codes|code|codes|authenticator', 'recovery .. not|isnt|doesnt accepted',
      'account not found', 'account .. suspended|disabled|deactivated|blocked', 'recover* .. account*',
    ],
  },
};
