package io.mountscope.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mountscope.util.InputException;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageInventoryTest {
  @Test
  void the_image_table_of_ctr_is_read_although_sizes_contain_spaces() {
    String table = """
        REF                           TYPE                                       DIGEST                                                                  SIZE       PLATFORMS   LABELS\s
        example.com/test/three:1      application/vnd.oci.image.manifest.v1+json sha256:84fa14c25ac7f6747b855dcbeed22a074ad23d6061011f7048a6d9eda76eed9e 1008.7 KiB linux/amd64 -     \s
        docker.io/library/busybox:1   application/vnd.docker.distribution.manifest.list.v2+json sha256:2d7d3f31fd47d5ff1e4f7ee1a3e69a0b88e0a0db8f1d5c22f8a6a1f6a1e5d9b0 2.1 MiB linux/386,linux/amd64 io.cri-containerd.image=managed
        """;
    List<ImageRef> refs = ImageInventory.parseList("k8s.io", table);
    assertThat(refs).extracting(ImageRef::name).containsExactly("example.com/test/three:1", "docker.io/library/busybox:1");
    assertThat(refs.get(1).target().mediaType()).isEqualTo(MediaTypes.DOCKER_LIST);
    assertThat(refs.get(0).target().digest())
        .isEqualTo("sha256:84fa14c25ac7f6747b855dcbeed22a074ad23d6061011f7048a6d9eda76eed9e");
    assertThat(refs.get(0).namespace()).isEqualTo("k8s.io");
  }

  @Test
  void the_flattened_copy_is_named_after_the_original_tag() {
    assertThat(ContainerdFlatten.defaultTarget("registry.example:5000/team/app:1.2")).isEqualTo("registry.example:5000/team/app:1.2-flat");
    assertThat(ContainerdFlatten.defaultTarget("registry.example:5000/team/app")).isEqualTo("registry.example:5000/team/app:latest-flat");
    assertThatThrownBy(() -> ContainerdFlatten.defaultTarget("app@sha256:abc")).isInstanceOf(InputException.class)
        .hasMessage("app@sha256:abc is a digest reference: name the new image with --tag");
  }

  @Test
  void mount_cost_grows_with_layers_only_under_per_layer_idmap() {
    assertThat(MountCost.of(55)).isEqualTo(new MountCost(1, 221, 5));
    assertThat(MountCost.of(1)).isEqualTo(new MountCost(1, 5, 5));
  }
}
