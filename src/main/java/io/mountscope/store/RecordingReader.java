package io.mountscope.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mountscope.model.Sample;
import io.mountscope.util.InputException;
import io.mountscope.util.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one file of a recording: its header line, then its samples in order, up to its end or to
 * the first thing that cannot be read, which it reports as a {@link RecordingDamage} instead of
 * failing: a recording cut by a kill or a full disk replays up to the cut.
 */
final class RecordingReader {
  private RecordingReader() {}

  /** Where one sample's line is: its gzip member, and the line's index within the member's lines. */
  record Place(long memberOffset, long memberLength, int line) {}

  /** Receives each sample read, in order. */
  interface Visitor {
    void sample(Sample sample, Place place) throws IOException;
  }

  /** The header and where the samples begin. */
  record Opened(RecordingHeader header, long samplesOffset, List<byte[]> samplesInHeaderMember) {}

  /** Reads the header; an InputException (exit 2) when the file is not a recording this mountscope reads. */
  static Opened open(ByteSource src, String name) throws IOException {
    GzipMember.Decoded first;
    try {
      first = GzipMember.decode(src, 0);
    } catch (GzipMember.Damage e) {
      throw new InputException(name + ": not a mountscope recording (" + e.getMessage() + ")");
    }
    if (first == null) {
      throw new InputException(name + ": empty file, not a mountscope recording");
    }
    List<byte[]> lines = lines(first.content());
    RecordingHeader header = null;
    if (!lines.isEmpty()) {
      try {
        header = Json.mapper().readValue(lines.get(0), RecordingHeader.class);
      } catch (JsonProcessingException e) {
        header = null;
      }
    }
    if (header == null || !RecordingHeader.FORMAT.equals(header.format())) {
      throw new InputException(name + ": not a mountscope recording (its first line is not a recording header)");
    }
    if (header.schema() > RecordingHeader.SCHEMA || header.schema() < 1) {
      throw new InputException(name + ": recorded with sample schema " + header.schema() + " by mountscope "
          + header.mountscopeVersion() + "; this mountscope reads schema " + RecordingHeader.SCHEMA
          + ": replay it with the mountscope that recorded it, or a newer one");
    }
    return new Opened(header, first.length(), lines.subList(1, lines.size()));
  }

  /**
   * Visits the samples after the header; {@code firstNumber} is the number (from 1) the first one
   * has in the whole recording. Returns where reading stopped early, or null at a clean end.
   */
  static RecordingDamage samples(ByteSource src, String name, Opened opened, long firstNumber, Visitor visitor)
      throws IOException {
    long number = firstNumber;
    for (int i = 0; i < opened.samplesInHeaderMember().size(); i++) {
      RecordingDamage d = visit(opened.samplesInHeaderMember().get(i), new Place(0, opened.samplesOffset(), i + 1),
          name, number, visitor);
      if (d != null) {
        return d;
      }
      number++;
    }
    long offset = opened.samplesOffset();
    while (true) {
      GzipMember.Decoded member;
      try {
        member = GzipMember.decode(src, offset);
      } catch (GzipMember.Damage e) {
        return new RecordingDamage(name, number, offset, e.getMessage());
      }
      if (member == null) {
        return null;
      }
      List<byte[]> lines = lines(member.content());
      if (member.content().length > 0 && member.content()[member.content().length - 1] != '\n') {
        return new RecordingDamage(name, number, offset, "a line runs past the end of its gzip member");
      }
      for (int i = 0; i < lines.size(); i++) {
        RecordingDamage d = visit(lines.get(i), new Place(offset, member.length(), i), name, number, visitor);
        if (d != null) {
          return d;
        }
        number++;
      }
      offset += member.length();
    }
  }

  /** One sample of a known place, read again (for a replay that seeks). */
  static Sample read(ByteSource src, Place place) throws IOException {
    try {
      GzipMember.Decoded member = GzipMember.decode(src, place.memberOffset());
      if (member == null) {
        throw new IOException("the recording ends before byte " + place.memberOffset());
      }
      return parse(lines(member.content()).get(place.line()));
    } catch (GzipMember.Damage e) {
      throw new IOException("the recording changed while being replayed: " + e.getMessage(), e);
    }
  }

  private static RecordingDamage visit(byte[] line, Place place, String name, long number, Visitor visitor)
      throws IOException {
    Sample s;
    try {
      s = parse(line);
    } catch (JsonProcessingException e) {
      return new RecordingDamage(name, number, place.memberOffset(),
          "not a sample of this schema: " + e.getOriginalMessage().lines().findFirst().orElse("?"));
    }
    visitor.sample(s, place);
    return null;
  }

  static Sample parse(byte[] line) throws IOException {
    return Json.mapper().readValue(line, Sample.class);
  }

  /** The non-empty lines of a member's content. */
  static List<byte[]> lines(byte[] content) {
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= content.length; i++) {
      if (i == content.length || content[i] == '\n') {
        if (i > start) {
          out.add(java.util.Arrays.copyOfRange(content, start, i));
        }
        start = i + 1;
      }
    }
    return out;
  }
}
