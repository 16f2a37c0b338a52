import { describe, expect, it } from "vitest";
import { DEFAULT_MIRROR_URL, loadMirrorUrl, loadTheme, saveMirrorUrl, saveTheme, type KeyValueStore } from "./preferences";

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

describe("preferences", () => {
  it("remembers the theme and otherwise follows the system", () => {
    const store = memoryStore();
    expect(loadTheme(store, true)).toBe("dark");
    expect(loadTheme(store, false)).toBe("light");
    saveTheme(store, "dark");
    expect(loadTheme(store, false)).toBe("dark");
    store.setItem("octoscope.theme", "purple");
    expect(loadTheme(store, false)).toBe("light");
  });

  it("keeps a custom mirror and forgets the default", () => {
    const store = memoryStore();
    expect(loadMirrorUrl(store)).toBe(DEFAULT_MIRROR_URL);
    saveMirrorUrl(store, " https://mirror.example/gh ");
    expect(loadMirrorUrl(store)).toBe("https://mirror.example/gh");
    saveMirrorUrl(store, DEFAULT_MIRROR_URL);
    expect(store.data.size).toBe(0);
    saveMirrorUrl(store, "https://other");
    saveMirrorUrl(store, "");
    expect(loadMirrorUrl(store)).toBe(DEFAULT_MIRROR_URL);
  });

  it("survives a storage that throws", () => {
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("full");
      },
      removeItem: () => {
        throw new Error("denied");
      },
    };
    expect(loadTheme(broken, true)).toBe("dark");
    expect(() => saveTheme(broken, "light")).not.toThrow();
    expect(loadMirrorUrl(broken)).toBe(DEFAULT_MIRROR_URL);
    expect(() => saveMirrorUrl(broken, "")).not.toThrow();
    expect(loadTheme(null, false)).toBe("light");
  });
});
