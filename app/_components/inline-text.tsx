// Renders the small markdown subset lab texts use (`code`, **bold**, line breaks) as React nodes,
// without HTML injection.
import { Fragment, type ReactNode } from "react";

export default function InlineText({ text }: { text: string }) {
  const lines = text.trim().split("\n");
  return (
    <>
      {lines.map((line, i) => (
        <Fragment key={i}>
          {i > 0 && <br />}
          {line.split(/(`[^`]+`|\*\*[^*]+\*\*)/g).map((part, j): ReactNode => {
            if (part.startsWith("`") && part.endsWith("`") && part.length > 1) return <code key={j}>{part.slice(1, -1)}</code>;
            if (part.startsWith("**") && part.endsWith("**") && part.length > 3) return <strong key={j}>{part.slice(2, -2)}</strong>;
            return <Fragment key={j}>{part}</Fragment>;
          })}
        </Fragment>
      ))}
    </>
  );
}
