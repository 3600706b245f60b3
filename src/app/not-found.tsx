import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto flex max-w-md flex-col items-center px-6 py-20 text-center">
      <h1 className="mb-2 text-xl font-semibold">Page not found</h1>
      <p className="mb-6 text-sm text-muted">There is nothing at this address.</p>
      <Link href="/" className="inline-flex h-11 items-center rounded-md bg-accent px-5 text-sm font-medium text-white">
        See all markets
      </Link>
    </main>
  );
}
