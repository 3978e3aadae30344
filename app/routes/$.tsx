// Any unknown path: a 404 rendered by the root error boundary, in the site's layout.
export function loader() {
  throw new Response("Page non trouvée", { status: 404 });
}

export default function NotFound() {
  return null;
}
