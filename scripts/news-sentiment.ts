/**
 * npm run news:sentiment — how often the news scorer labels the shipped headlines
 * (tests/fixtures/news/labelled-headlines.json) as the person who wrote them did, with the
 * confusion matrix and every miss. docs/news.md quotes its accuracy line.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { NEUTRAL_BAND } from "../src/domain/news/sentiment";
import { evaluateSentiment, type LabelledHeadline } from "../src/domain/news/sentiment-evaluation";

const file = path.resolve(import.meta.dirname, "../tests/fixtures/news/labelled-headlines.json");
const set = JSON.parse(readFileSync(file, "utf8")) as LabelledHeadline[];
const result = evaluateSentiment(set);

console.log(`expected \\ predicted   positive  negative  neutral   (neutral band ±${NEUTRAL_BAND})`);
for (const [label, row] of Object.entries(result.confusion)) {
  console.log(
    `${label.padEnd(22)}${String(row.positive).padStart(8)}${String(row.negative).padStart(10)}${String(row.neutral).padStart(9)}`,
  );
}
console.log("\nmisses:");
for (const miss of result.misses) {
  console.log(
    `  ${miss.expected.padEnd(8)} → ${miss.predicted.padEnd(8)} ${miss.score.toFixed(3).padStart(7)}  ${miss.headline}`,
  );
}
console.log(`\naccuracy: ${(result.accuracy * 100).toFixed(1)}% (${result.correct} of ${result.total} headlines)`);
