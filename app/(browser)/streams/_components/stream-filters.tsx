import type { StreamCategory } from "@/lib/store/list-stream-categories";
import type { StreamsState } from "@/lib/url-state/streams-url";
import styles from "../../list.module.css";

/**
 * The Streams page's filters as a plain GET form: the URL is the state, and submitting it starts
 * the list over (no cursor). `listing` keeps an empty filter on the list of every stream rather
 * than going back to the categories. `categories` (suggestions for the category box) are given
 * only where the page has them anyway: counting them reads every membership (about 2 s at 1M).
 */
export function StreamFilters({
  state,
  categories,
  listing,
}: {
  state: StreamsState;
  categories: StreamCategory[];
  listing: boolean;
}) {
  return (
    <search>
      <form action="/streams" method="get" className={styles.search}>
        <label className={styles.field}>
          Category
          <input
            name="category"
            defaultValue={state.category ?? ""}
            key={state.category}
            placeholder="Order"
            autoComplete="off"
            list={categories.length > 0 ? "stream-categories" : undefined}
          />
        </label>
        {categories.length > 0 && (
          <datalist id="stream-categories">
            {categories.map((category) => (
              <option key={category.name} value={category.name} />
            ))}
          </datalist>
        )}
        <label className={styles.field}>
          Name starts with
          <input name="prefix" defaultValue={state.prefix} key={state.prefix} placeholder="Order-" autoComplete="off" />
        </label>
        <label className={styles.field}>
          Sort by
          <select name="sort" defaultValue={state.sort ?? "name"} key={state.sort}>
            <option value="name">Name (A–Z)</option>
            <option value="activity">Last activity</option>
            <option value="count">Event count</option>
          </select>
        </label>
        {listing && <input type="hidden" name="view" value="names" />}
        <button type="submit">Find</button>
      </form>
    </search>
  );
}
