/**
 * The `sentiment` package's own English language module. Its negation rule ("not good" scores
 * as bad) is reused with the financial lexicon; the package ships no types for this file.
 */
declare module "sentiment/languages/en/index.js" {
  import type Sentiment from "sentiment";

  const english: Required<Sentiment.LanguageModule>;
  export default english;
}
