package io.mountscope.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** An OCI content descriptor: what a blob is, its digest and size, and for index entries its platform. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Descriptor(String mediaType, String digest, long size, Platform platform,
    Map<String, String> annotations) {

  public Descriptor(String mediaType, String digest, long size) {
    this(mediaType, digest, size, null, null);
  }
}
