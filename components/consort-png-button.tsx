"use client";
// "Download PNG" for the CONSORT diagram: the browser draws the SVG already on the page into a
// canvas at twice its size (sharp on slides and in Word) on white, and saves it as a PNG. Nothing
// goes to the server. If the browser cannot do it, the message says so and points to the SVG.
import { useRef, useState } from "react";

const SCALE = 2;

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error("The diagram could not be read as an image."));
    image.src = url;
  });
}

async function svgToPng(svg: SVGSVGElement): Promise<Blob> {
  const width = Number(svg.getAttribute("width"));
  const height = Number(svg.getAttribute("height"));
  if (!(width > 0 && height > 0)) throw new Error("The diagram has no size.");
  const markup = new XMLSerializer().serializeToString(svg);
  const url = URL.createObjectURL(new Blob([markup], { type: "image/svg+xml;charset=utf-8" }));
  try {
    const image = await loadImage(url);
    const canvas = document.createElement("canvas");
    canvas.width = width * SCALE;
    canvas.height = height * SCALE;
    const context = canvas.getContext("2d");
    if (!context) throw new Error("This browser cannot draw images.");
    context.scale(SCALE, SCALE);
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, width, height);
    context.drawImage(image, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
    if (!blob) throw new Error("The image could not be made.");
    return blob;
  } finally {
    URL.revokeObjectURL(url);
  }
}

function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the address is released.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** `diagramId`: the element holding the diagram's <svg>; `filename`: e.g. "consort-flow-2026-12-01.png". */
export function ConsortPngButton({ diagramId, filename }: { diagramId: string; filename: string }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");
  // A second press while the first is still drawing does nothing (the button stays focusable).
  const working = useRef(false);

  async function download() {
    if (working.current) return;
    working.current = true;
    setBusy(true);
    setMessage("");
    try {
      const svg = document.getElementById(diagramId)?.querySelector("svg");
      if (!svg) throw new Error("The diagram is not on the page.");
      save(await svgToPng(svg), filename);
    } catch {
      setMessage(
        "The PNG image could not be made in this browser. Use “Download SVG” instead: Word, PowerPoint and most image programs open it.",
      );
    } finally {
      working.current = false;
      setBusy(false);
    }
  }

  return (
    <div>
      <button
        type="button"
        onClick={download}
        aria-disabled={busy}
        className="button-secondary cursor-pointer aria-disabled:cursor-wait"
      >
        {busy ? "Making the PNG…" : "Download PNG"}
      </button>
      {/* Always on the page, so that screen readers announce what appears in it. */}
      <div role="status" aria-live="polite">
        {message ? <p className="text-danger mt-2 max-w-md font-semibold">{message}</p> : null}
      </div>
    </div>
  );
}
