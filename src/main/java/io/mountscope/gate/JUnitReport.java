package io.mountscope.gate;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The gate's verdicts as JUnit XML, the report format CI systems (Jenkins, GitLab, GitHub
 * Actions test reporters) read: a test suite per image, a test case per check, a {@code failure}
 * for a threshold exceeded and an {@code error} for a value that could not be measured.
 */
public final class JUnitReport {
  private JUnitReport() {}

  public static void write(List<GateReport> reports, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      x.writeAttribute("name", "mountscope check");
      x.writeAttribute("tests", Long.toString(reports.stream().mapToLong(r -> r.checks().size()).sum()));
      x.writeAttribute("failures", Long.toString(reports.stream().mapToLong(r -> count(r, false)).sum()));
      x.writeAttribute("errors", Long.toString(reports.stream().mapToLong(r -> count(r, true)).sum()));
      x.writeAttribute("time", time(reports.stream().mapToDouble(JUnitReport::seconds).sum()));
      x.writeCharacters("\n");
      String host = hostname();
      for (GateReport r : reports) {
        suite(x, r, host);
      }
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void suite(XMLStreamWriter x, GateReport r, String host) throws XMLStreamException {
    x.writeCharacters("  ");
    x.writeStartElement("testsuite");
    x.writeAttribute("name", "mountscope check " + r.image());
    x.writeAttribute("tests", Integer.toString(r.checks().size()));
    x.writeAttribute("failures", Long.toString(count(r, false)));
    x.writeAttribute("errors", Long.toString(count(r, true)));
    x.writeAttribute("skipped", "0");
    x.writeAttribute("time", time(seconds(r)));
    x.writeAttribute("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", ""));
    x.writeAttribute("hostname", host);
    x.writeCharacters("\n    ");
    x.writeStartElement("properties");
    property(x, "image", r.image());
    property(x, "source", r.source());
    property(x, "layers", Integer.toString(r.layers()));
    property(x, "idmap", r.idmap());
    if (r.containerdVersion() != null) {
      property(x, "containerdVersion", r.containerdVersion());
    }
    x.writeEndElement();
    for (GateCheck c : r.checks()) {
      x.writeCharacters("\n    ");
      x.writeStartElement("testcase");
      x.writeAttribute("classname", "mountscope.check." + r.image());
      x.writeAttribute("name", c.name() + " <= " + io.mountscope.util.Fmt.number(c.limit()));
      x.writeAttribute("time", time(c.seconds()));
      if (!c.passed()) {
        x.writeCharacters("\n      ");
        x.writeStartElement(c.error() != null ? "error" : "failure");
        x.writeAttribute("message", c.message());
        x.writeAttribute("type", c.error() != null ? "NotMeasured" : "ThresholdExceeded");
        x.writeCharacters(c.message() + (c.fix() == null ? "" : "\nfix: " + c.fix()));
        x.writeEndElement();
        x.writeCharacters("\n    ");
      } else {
        x.writeCharacters("\n      ");
        x.writeStartElement("system-out");
        x.writeCharacters(c.message());
        x.writeEndElement();
        x.writeCharacters("\n    ");
      }
      x.writeEndElement();
    }
    x.writeCharacters("\n  ");
    x.writeEndElement();
    x.writeCharacters("\n");
  }

  private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
    x.writeCharacters("\n      ");
    x.writeEmptyElement("property");
    x.writeAttribute("name", name);
    x.writeAttribute("value", value == null ? "" : value);
  }

  private static long count(GateReport r, boolean errors) {
    return r.checks().stream().filter(c -> !c.passed() && (c.error() != null) == errors).count();
  }

  private static double seconds(GateReport r) {
    return r.checks().stream().mapToDouble(GateCheck::seconds).sum();
  }

  private static String time(double seconds) {
    return String.format(Locale.US, "%.3f", seconds);
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
