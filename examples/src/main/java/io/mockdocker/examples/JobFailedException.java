package io.mockdocker.examples;

/** The job ran but exited with a non-zero code; the deployment says which, and what it printed. */
public final class JobFailedException extends DeployException {
  private static final long serialVersionUID = 1L;

  private final transient Deployment deployment;

  JobFailedException(Deployment deployment) {
    super("container " + deployment.containerId() + " exited with code " + deployment.exitCode() + ": "
        + deployment.output());
    this.deployment = deployment;
  }

  public Deployment deployment() {
    return deployment;
  }
}
