import type { Locale } from '../model.ts';

/**
 * Words too common to tell articles apart, left out of the index and of queries. Short on
 * purpose: generic lists drop words that carry meaning in support questions ("up" in set up,
 * "out" in locked out, "back" in money back, "new", "off", "not"; "can't" is kept as "cant").
 */
export const STOP_WORDS: Readonly<Record<Locale, ReadonlySet<string>>> = {
  en: new Set(
    ('a an the and or but of to in on at for with by from into about as is are was were be been being am it its this that these those ' +
      'i me my mine we us our you your yours he him his she her they them their there here do does did doing done how what when where ' +
      'why which who whom can could should would will shall may might must have has had having if then than so such too very just ' +
      'also any some all each other own same only both please thanks thank').split(' '),
  ),
  de: new Set(
    ('der die das den dem des ein eine einen einem einer eines und oder aber zu zum zur im in am an auf aus für fur mit von vom bei ' +
      'nach über uber unter ist sind war waren bin bist sein seid ich mich mir mein meine meinen meinem meiner meines wir uns unser ' +
      'unsere du dich dir dein deine ihr euch sie es er ihm ihn wie was wo wann warum welche welcher welches wer kann kannst können ' +
      'konnen muss müssen mussen soll sollte wird werden wurde hat habe haben hatte sich auch noch nur so dass als wenn dann denn da ' +
      'hier dort bitte danke ja doch mal schon sehr').split(' '),
  ),
};
