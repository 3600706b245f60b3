import { NewsImportForm } from "./news-import-form";
import { NewsItemForm } from "./news-item-form";
import { Section } from "./section";

/** News items an admin adds: one by hand, or a feed file at once. */
export function NewsItemsSection() {
  return (
    <Section id="admin-news-items" title="News items">
      <NewsItemForm />
      <NewsImportForm />
    </Section>
  );
}
