"""A page-layout compiler parses one XML document in the parent with xml.etree.ElementTree and
hands the <page> elements themselves to worker processes (``Process(args=(pages, results))``);
each worker builds a new <summary> Element and appends it to a ``Manager().list()``. The report
this is modelled on hit "lxml.etree.ElementTree is unpickable" at the pool call; the standard
library's C ElementTree elements pickle (and so travel through the manager proxy), so this
program works under every start method (modelled on
https://github.com/mittagessen/kraken/issues/566)."""
import multiprocessing
import xml.etree.ElementTree as ET

DOCUMENT = """<document name="ledger">
  <page n="1"><line>alpha beta</line><line>gamma</line></page>
  <page n="2"><line>delta epsilon zeta</line></page>
  <page n="3"><line>eta</line><line>theta iota</line><line>kappa</line></page>
  <page n="4"><line>lambda mu nu xi</line></page>
</document>
"""


def summarise_pages(pages, results):
    for page in pages:
        lines = page.findall("line")
        words = sum(len((line.text or "").split()) for line in lines)
        summary = ET.Element("summary", page=page.get("n"))
        ET.SubElement(summary, "lines").text = str(len(lines))
        ET.SubElement(summary, "words").text = str(words)
        summary.append(lines[0])  # keep the first line as a preview
        results.append(summary)


def split(items, parts):
    return [items[i::parts] for i in range(parts)]


def compile_document(text, workers=2):
    root = ET.fromstring(text)
    pages = root.findall("page")
    with multiprocessing.Manager() as manager:
        results = manager.list()
        procs = [
            multiprocessing.Process(target=summarise_pages, args=(chunk, results))
            for chunk in split(pages, workers)
        ]
        for proc in procs:
            proc.start()
        for proc in procs:
            proc.join(10)
        summaries = list(results)
    out = ET.Element("summaries", document=root.get("name"))
    out.extend(sorted(summaries, key=lambda s: int(s.get("page"))))
    return out


if __name__ == "__main__":
    tree = compile_document(DOCUMENT)
    ET.indent(tree)
    print(ET.tostring(tree, encoding="unicode"))
