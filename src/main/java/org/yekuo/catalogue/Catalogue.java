package org.yekuo.catalogue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.yekuo.catalogue.internal.BusinessTypes;
import org.yekuo.catalogue.internal.Materials;
import org.yekuo.shared.DomainException;

/**
 * Reads the catalogue. New orders take {@link #current}; an order already running reads the version it
 * started with through {@link #version}, which stays readable for ever. Unknown codes and versions are
 * refused as not found, naming what was asked for.
 */
@Service
@Transactional(readOnly = true)
public class Catalogue {

    private final BusinessTypes types;
    private final Materials materials;
    /**
     * Versions read so far: a version is written once and never changed (an edit writes the next one), and
     * every order page, node and deadline reads the version its order started with. A few dozen entries.
     */
    private final Map<TypeVersion, BusinessTypeDefinition> versions = new ConcurrentHashMap<>();

    Catalogue(BusinessTypes types, Materials materials) {
        this.types = types;
        this.materials = materials;
    }

    /** All business types at their current version, in catalogue order. */
    public List<BusinessTypeSummary> types() {
        return types.summaries(Optional.empty());
    }

    public List<BusinessTypeSummary> types(ProcessFamily family) {
        return types.summaries(Optional.of(family));
    }

    public BusinessTypeDefinition current(String typeCode) {
        int version = types.currentVersion(typeCode).orElseThrow(() -> unknownType(typeCode));
        return version(typeCode, version);
    }

    public BusinessTypeDefinition version(String typeCode, int version) {
        TypeVersion key = new TypeVersion(typeCode, version);
        BusinessTypeDefinition known = versions.get(key);
        if (known != null) {
            return known;
        }
        BusinessTypeDefinition found = types.find(typeCode, version).orElseThrow(() -> types.currentVersion(typeCode).isPresent()
                ? DomainException.notFound("catalogue.version.not-found", typeCode, String.valueOf(version))
                : unknownType(typeCode));
        // Only a committed version is kept: one read inside a transaction that writes (an edit) may still roll back.
        if (TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            versions.put(key, found);
        }
        return found;
    }

    private record TypeVersion(String typeCode, int version) {
    }

    /** Who changed the type when and how, newest version first. */
    public List<Revision> history(String typeCode) {
        List<Revision> revisions = types.revisions(typeCode);
        if (revisions.isEmpty()) {
            throw unknownType(typeCode);
        }
        return revisions;
    }

    public List<Material> materials() {
        return materials.all();
    }

    public List<AbolishedMaterial> abolishedMaterials() {
        return materials.abolished();
    }

    /** The abolished material with this code, if it is one: such a material must never be demanded. */
    public Optional<AbolishedMaterial> abolishedMaterial(String materialCode) {
        return materials.findAbolished(materialCode);
    }

    private static DomainException unknownType(String typeCode) {
        return DomainException.notFound("catalogue.type.not-found", typeCode);
    }
}
