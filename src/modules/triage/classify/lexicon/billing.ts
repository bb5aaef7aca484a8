import type { CategoryLexicon } from './types.ts';

/** Subscriptions, charges, refunds, invoices, plans, payment methods, cancellations. */
export const BILLING: CategoryLexicon = {
  category: 'billing',
  threshold: 2,
  strong: [
    'refund*', 'invoice*', 'receipt*', 'subscription*', 'billing', 'billed', 'bill', 'charge', 'charges', 'charged',
    'charging', 'payment*', 'paypal', 'card declined', 'declined', 'price*', 'pricing', 'discount*', 'coupon*',
    'promo code', 'vat', 'tax*', 'seat|seats', 'renewal', 'renew*', 'trial', 'chargeback', 'bank statement',
    'money back', 'paid', 'pay', 'paying', 'cancel* .. subscription*|plan|premium|membership|renewal', 'downgrade*',
    'upgrade* .. plan|family|premium|teams|business', 'family plan', 'teams plan', 'premium plan', 'business plan',
    'annual plan', 'yearly plan', 'monthly plan', 'debit*', 'w9', 'w #', 'tax id', 'billing address', 'bank transfer',
    'wire transfer', 'purchase*', 'how much', 'credit card .. charg*|expired|declined|update|changed',
    'card expired', 'free plan', 'free users', 'expensive', 'cheaper', 'cost*',
  ],
  medium: [
    'cancel*', 'plan', 'plans', 'premium', 'upgrade*', 'eur', 'usd', 'euro*', 'dollar*',
    'order', 'bought', 'buy', 'checkout', 'annual*', 'yearly', 'monthly', 'licen*', 'money',
  ],
  weak: ['family', 'teams', 'free', 'card', 'credit card'],
  priority: {
    high: [
      'charg* .. twice', 'bill* .. twice', 'paid .. twice', 'paying .. twice', 'debit* .. twice', 'twice .. charg*|bill*',
      'double charg*|bill*|payment*', 'duplicate charge*|payment*', 'two|three|multiple|several|# charges',
      'charged .. again', 'charg* ... after .. cancel*', 'cancel* ... charg*|billed', 'charg* ... same month|day|period',
      'never signed up', 'didnt sign up', 'never subscribed', 'unauthori* charge*', 'didnt authori* .. charge*',
    ],
  },
};
