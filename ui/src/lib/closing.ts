// Closing the window never loses an edit: the shell holds a close request and asks the page
// (over a channel registered once at start); the page saves what is pending and answers
// close or stay. Whatever holds unsaved work (the open editor) registers how to save it.

import { Channel } from "@tauri-apps/api/core";
import { commands } from "./api";

/** Saves pending work; resolves to whether the window may close. */
type BeforeClose = () => Promise<boolean>;

let beforeClose: BeforeClose | null = null;

/** Registers what to do before the window closes; the returned function unregisters it. */
export function onBeforeClose(fn: BeforeClose): () => void {
  beforeClose = fn;
  return () => {
    if (beforeClose === fn) beforeClose = null;
  };
}

/** Asks the shell to hold every close of the window until the page has saved. Call once. */
export function watchWindowClose(): void {
  const channel = new Channel<null>();
  channel.onmessage = async () => {
    let close = true;
    try {
      close = beforeClose ? await beforeClose() : true;
    } finally {
      await commands.closeWindow(close);
    }
  };
  void commands.watchClose(channel);
}
