import { PageTitle } from "../components/PageTitle.tsx";

export function NotFoundPage({ path }: { readonly path: string }) {
  return (
    <section>
      <PageTitle focusKey={path}>Page not found</PageTitle>
      <p>
        There is no page at <code>{path}</code>. <a href="#/">Go to the start page</a>.
      </p>
    </section>
  );
}
