// Run inside a pod by TestFabric8InClusterConfig: configures the Fabric8 client exactly as an
// in-cluster application does (Config.autoConfigure) from what the node agent provides, then
// lists pods (allowed), lists secrets (forbidden) and reads its own log with getLog().
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

public class FabricProbe {
  public static void main(String[] args) {
    Config cfg = Config.autoConfigure(null);
    System.out.println("master=" + cfg.getMasterUrl());
    System.out.println("namespace=" + cfg.getNamespace());
    System.out.flush();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(cfg).build()) {
      System.out.println("pods=" + client.pods().list().getItems().size());
      try {
        client.secrets().list();
        System.out.println("secrets=allowed");
      } catch (KubernetesClientException e) {
        System.out.println("secrets=" + e.getCode());
      }
      System.out.flush();
      String log = client.pods().withName(System.getenv("HOSTNAME")).getLog();
      System.out.println("own-log-has-master=" + log.contains("master=" + cfg.getMasterUrl()));
    }
    // The Vert.x HTTP client leaves non-daemon threads behind.
    System.exit(0);
  }
}
