// One way to show a duration in the browser: the rule of procesbank/kit/durations.py (the
// server's |duration filter), so a figure reads the same in the modeler and on the pages.
//   under 60 minutes: minutes, one decimal    "45 min.", "11,7 min."
//   under 24 hours:   hours                   "1,5 timer", "1 time", "15 timer"
//   from 24 hours:    days of 24 hours        "2,5 dage", "1 dag", "15 dage"
// Hours and days keep one decimal below 10 and none from 10; a decimal that is 0 is left out.
"use strict";

(function () {
  const MINUTES_PER_HOUR = 60;
  const MINUTES_PER_DAY = 24 * 60;
  const WORDS = {
    da: { minutes: "min.", hour: "time", hours: "timer", day: "dag", days: "dage", group: ".", decimal: "," },
    en: { minutes: "min.", hour: "hour", hours: "hours", day: "day", days: "days", group: ",", decimal: "." },
  };

  const language = (lang) => ((lang || document.documentElement.lang || "da").toLowerCase().startsWith("en") ? "en" : "da");

  // Round half up to `decimals` (0 or 1) without binary surprises such as 2.25 -> 2.2.
  function rounded(value, decimals) {
    const factor = 10 ** decimals;
    return Math.round(Number((value * factor).toPrecision(12))) / factor;
  }

  // A non-negative number with the language's grouping and decimal sign: 1500 -> "1.500".
  function number(value, decimals, lang) {
    const words = WORDS[language(lang)];
    const [whole, fraction] = value.toFixed(decimals).split(".");
    const groups = whole.replace(/\B(?=(\d{3})+(?!\d))/g, words.group);
    return fraction ? `${groups}${words.decimal}${fraction}` : groups;
  }

  // value (not negative): one decimal below 10 (or always), none from 10; .0 left out.
  function amount(value, alwaysOneDecimal, lang) {
    let decimals = value < 10 || alwaysOneDecimal ? 1 : 0;
    let shown = rounded(value, decimals);
    if (Number.isInteger(shown)) decimals = 0;
    return { text: number(shown, decimals, lang), one: shown === 1 };
  }

  // A duration in minutes as text in the unit a reader thinks in; "" for no number.
  function duration(minutes, lang) {
    if (minutes === null || minutes === undefined || minutes === "") return "";
    const value = Number(minutes);
    if (!Number.isFinite(value)) return "";
    const words = WORDS[language(lang)];
    const sign = value < 0 ? "-" : "";
    const size = Math.abs(value);
    if (size < MINUTES_PER_HOUR) return `${sign}${amount(size, true, lang).text} ${words.minutes}`;
    if (size < MINUTES_PER_DAY) {
      const { text, one } = amount(size / MINUTES_PER_HOUR, false, lang);
      return `${sign}${text} ${one ? words.hour : words.hours}`;
    }
    const { text, one } = amount(size / MINUTES_PER_DAY, false, lang);
    return `${sign}${text} ${one ? words.day : words.days}`;
  }

  window.procesbankDuration = duration;
  window.procesbankNumber = (value, decimals, lang) =>
    `${value < 0 ? "-" : ""}${number(rounded(Math.abs(value), decimals), decimals, lang)}`;
})();
